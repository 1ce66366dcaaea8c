import { setTimeout as sleep } from 'node:timers/promises';
import { CliError } from './cli-error';

export interface DemoOptions {
  /** Where the standalone run's sandbox listens. */
  sandboxUrl: string;
  servicenow: { user: string; password: string };
  adminToken: string;
  timeoutMs?: number;
}

/**
 * `bridge demo`: the story of one ticket, both ways, against a running standalone bridge, as a timeline: opened
 * at the ITSM, support request at Tangoe, the caller's comment, the specialist's note and close, closed at the ITSM.
 */
export async function demoCommand(options: DemoOptions, out: (line: string) => void): Promise<void> {
  const started = Date.now();
  const line = (text: string) => out(`${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s  ${text}`);
  const auth = `Basic ${Buffer.from(`${options.servicenow.user}:${options.servicenow.password}`).toString('base64')}`;
  const itsm = `${options.sandboxUrl}/servicenow/demo/api/now/table/incident`;
  const specialist = `${options.sandboxUrl}/sandbox/tangoe/support_requests`;
  const json = { 'content-type': 'application/json' };
  const call = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, init).catch(() => undefined);
    if (!response?.ok) throw new CliError(`${init.method ?? 'GET'} ${url} failed (${response?.status ?? 'no answer'}): is the bridge running? Start it with npm start`);
    return response.json() as Promise<any>;
  };
  const until = async <T>(what: string, probe: () => Promise<T | undefined>): Promise<T> => {
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new CliError(`timed out waiting for ${what}`);
      await sleep(200);
    }
  };

  const created = (await call(itsm, { method: 'POST', headers: { ...json, authorization: auth }, body: JSON.stringify({ short_description: 'Demo: phone screen cracked', assignment_group: 'Mobility', caller_name: 'Ann Smith', caller_phone: '5551234567', category: 'hardware', subcategory: 'mobile' }) })).result;
  line(`ITSM      incident ${created.number} opened by the caller (assignment group Mobility)`);
  const admin = { 'x-sandbox-admin': options.adminToken };
  const request = await until('the support request at Tangoe', async () => ((await call(specialist, { headers: admin })) as any[]).find((r) => r.external_source_id === created.number));
  line(`Tangoe    support request ${request.id} created (${request.request_type}), thread ${request.interaction_thread.token.slice(0, 6)}…`);

  await call(`${itsm}/${created.sys_id}`, { method: 'PATCH', headers: { ...json, authorization: auth }, body: JSON.stringify({ comments: 'It still turns on, the screen is black.' }) });
  line('ITSM      the caller adds a comment');
  await until('the comment at Tangoe', async () => ((await call(specialist, { headers: admin })) as any[]).find((r) => r.id === request.id && r.interactions.length >= 2));
  line('Tangoe    the comment arrived as an interaction');

  await call(`${specialist}/${request.id}/interactions`, { method: 'POST', headers: { ...json, ...admin }, body: JSON.stringify({ text: 'Replacement device shipped, tracking 1Z999.' }) });
  line('Tangoe    the Account Specialist adds a note');
  await call(`${specialist}/${request.id}/state`, { method: 'POST', headers: { ...json, ...admin }, body: JSON.stringify({ state: 'closed' }) });
  line('Tangoe    the Account Specialist closes the request');

  const closed = await until('the incident closed at the ITSM', async () => {
    const record = (await call(`${itsm}?sysparm_query=number=${created.number}`, { headers: { authorization: auth } })).result[0];
    return record?.state === '7' ? record : undefined;
  });
  line(`ITSM      incident ${created.number} closed (state ${closed.state}, close notes "${closed.close_notes}")`);
}
