import { HttpException, HttpStatus } from '@nestjs/common';
import type { Request } from 'express';
import type { ClientConfig, ClientDirectory } from '@bridge/clients-config';
import { readRawBody } from '@bridge/platform';
import { readsItsmApi } from '../reconciliation/reconcile-scheduler';

/** The most ticket keys one admin call names (onboarding or drift of chosen tickets). */
export const MAX_NAMED_TICKETS = 1_000;

/**
 * An admin call's body: the ingress reads bodies itself (a webhook's signature covers its exact bytes), so JSON is
 * not parsed for it. A JSON object of at most `limitBytes`, or nothing.
 */
export async function jsonObjectOf(request: Request, example: string, limitBytes = 64 * 1_024): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = (await readRawBody(request, limitBytes)).toString('utf8').trim();
  } catch {
    throw invalidRequest(`the body must be a JSON object of at most ${Math.round(limitBytes / 1_024)} KB`);
  }
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidRequest('the body is not JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalidRequest(`the body must be a JSON object: ${example}`);
  return parsed as Record<string, unknown>;
}

/** The earliest change to read: a date or a time with its zone; `fallback` when none is given. */
export function sinceOf(value: unknown, fallback: Date): Date {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw invalidRequest('since must be a date (2026-01-31) or a time with its zone (2026-01-31T08:00:00Z)');
  }
  return new Date(value);
}

/** Ticket keys named in a body (`tickets`), or undefined when it names none. */
export function ticketKeysOf(value: unknown): ReadonlySet<string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_NAMED_TICKETS || !value.every((key) => typeof key === 'string' && key.length > 0 && key.length <= 255)) {
    throw invalidRequest(`tickets must be a list of 1 to ${MAX_NAMED_TICKETS} ticket keys`);
  }
  return new Set(value as string[]);
}

export function invalidRequest(message: string): HttpException {
  return new HttpException({ error: 'invalid_request', message }, HttpStatus.BAD_REQUEST);
}

/** The configured client whose ITSM the ingress can read through its API (onboarding, drift), or the answer why not. */
export function clientWithItsmApi(clients: ClientDirectory, clientId: string): ClientConfig {
  const client = clients.get(clientId);
  if (!client) throw new HttpException({ error: 'unknown_client', message: `no client ${clientId} is configured` }, HttpStatus.NOT_FOUND);
  if (!readsItsmApi(client)) {
    throw new HttpException(
      { error: 'no_itsm_api', message: `client ${clientId}'s outbound is no ITSM API the bridge can read (a generic webhook target, or an ITSM without an adapter)` },
      HttpStatus.UNPROCESSABLE_ENTITY,
    );
  }
  return client;
}
