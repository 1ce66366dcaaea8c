import { plainToInstance } from 'class-transformer';
import { ClientConfig } from '@bridge/clients-config';
import { ServiceNowAdapter } from './servicenow/servicenow.adapter';

/** What onboarding opens at Tangoe: the records still open on the client's side, whoever set their status. */
describe('isOpenRead', () => {
  const client = (clientStates?: Record<string, string>) =>
    plainToInstance(ClientConfig, {
      id: 'acme',
      itsm: 'servicenow',
      inbound: { type: 'hmac', secret: { env: 'X' } },
      mapping: { defaultRequestType: 'Tech Support', ...(clientStates ? { clientStates } : {}) },
      tangoe: { baseUrl: 'http://127.0.0.1:3100', apiUser: 'acme', auth: { type: 'api-token', token: { env: 'T' } } },
    });
  const adapter = new ServiceNowAdapter();
  const read = (state: string) => ({
    record: { result: { sys_id: 'a'.repeat(32), number: 'INC0010001', sys_class_name: 'incident', short_description: 'Phone', state, sys_updated_by: 'someone', sys_updated_on: '2026-11-24 09:00:00' } },
    comments: [],
  });

  it('takes an incident in progress as open, and a resolved, closed or canceled one as not', () => {
    expect(adapter.isOpenRead(read('2'), client())).toBe(true);
    expect(['6', '7', '8'].map((state) => adapter.isOpenRead(read(state), client()))).toEqual([false, false, false]);
  });

  it('says what a read status ends the ticket as, and what tells this move from another', () => {
    expect(adapter.statusOfRead(read('8'), client())).toMatchObject({ value: '8', endedAs: 'canceled', changeId: expect.any(String) });
    expect(adapter.statusOfRead(read('2'), client()).endedAs).toBeUndefined();
  });

  it("follows the client's own client states", () => {
    expect(adapter.isOpenRead(read('2'), client({ '2': 'closed' }))).toBe(false);
    expect(adapter.isOpenRead(read('6'), client({ '7': 'closed' }))).toBe(true);
  });
});
