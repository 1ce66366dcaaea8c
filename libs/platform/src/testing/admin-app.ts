import { INestApplication, Provider, Type } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { BusAwareExceptionFilter } from '../bus-transport';
import { ServiceSettings, loadServiceSettings } from '../service-settings';
import { SETTINGS } from '../tokens';

export interface AdminApp {
  /** The settings the controllers were given; a spec may change one between calls (a peer's URL). */
  settings: ServiceSettings;
  /** The answer's status and JSON body, asked with the admin token. */
  call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

const ADMIN_TOKEN = 'admin-app-spec-token-0123456789abcdef';

/**
 * Admin controllers over real HTTP on a free local port, with the services' own global filter and fakes for what
 * they inject: what a spec of a controller's answers (its statuses, its error bodies) needs, and nothing more.
 */
export async function startAdminApp(controllers: Type<unknown>[], providers: Provider[]): Promise<AdminApp> {
  const settings = loadServiceSettings({ ADMIN_TOKEN });
  const module = await Test.createTestingModule({ controllers, providers: [{ provide: SETTINGS, useValue: settings }, ...providers] }).compile();
  const app: INestApplication = module.createNestApplication({ logger: false });
  app.useGlobalFilters(new BusAwareExceptionFilter(app.get(HttpAdapterHost).httpAdapter));
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  return {
    settings,
    async call(method, path, body) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
    },
    async close() {
      await app.close();
    },
  };
}
