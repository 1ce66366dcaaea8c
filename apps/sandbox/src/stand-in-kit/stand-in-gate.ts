import type { HttpException } from '@nestjs/common';
import type { Response } from 'express';
import type { AnsweredCall } from './itsm-stand-in';

/** A call as it reaches a stand-in's API. */
export interface CallRequest {
  method: string;
  /** What the call names: its path, or ServiceNow's table. `onCall` hears it; the call's record keeps it. */
  resource: string;
  /** The `Authorization` header, if any. */
  authorization: string | undefined;
  body?: unknown;
  /** The caller's stable `webhook-id`, for the stand-ins that record it. */
  webhookId?: string;
  /** Where a vendor's refusal writes its headers (ServiceNow's `Retry-After`). */
  response?: Response;
}

/**
 * One vendor's API at the door: who a call's credentials name, how the stand-in records a call, and how the vendor
 * turns a call away, in its own error bodies. `NamedStandIns.enter` decides when.
 */
export interface VendorGate<S, Caller, Call> {
  authenticate(standIn: S, authorization: string | undefined): Caller | undefined;
  /** The call as the stand-in records it, answered `status` (so far: a refusal later changes it, `refuse`). */
  record(request: CallRequest, caller: Caller | undefined, status: number): Call;
  /** No stand-in of that name: the sandbox's own answer (a real vendor's host would not exist). */
  noSuchStandIn(name: string): HttpException;
  unauthenticated(): HttpException;
  /** The vendor's refusal of what an authenticated call names, before it is recorded (ServiceNow's unknown table). */
  refuseUnrecorded?(request: CallRequest): HttpException | undefined;
  /** A failure on demand (`failures`), in the vendor's words for an answer of that status. */
  failure(status: number, response?: Response): HttpException;
}

/** A call let in: the stand-in, who made the call, and its record, whose status a later refusal changes. */
export interface Entry<S, Caller, Call> {
  standIn: S;
  caller: Caller;
  call: Call;
}

/** The call answered with `error`'s status, as its record says from now on; `error`, to throw. */
export function refuse(call: AnsweredCall, error: HttpException): HttpException {
  call.status = error.getStatus();
  return error;
}
