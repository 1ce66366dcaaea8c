import type { AxiosInstance } from 'axios';
import { plainToInstance } from 'class-transformer';
import { ClientConfig } from '@bridge/clients-config';
import { adapterFor } from '../adapter-registry';
import { fakeReadHttp } from '../adapter-spec-kit';
import { GenericWebhookOutbound } from '../webhook/generic-webhook-outbound';
import type { RenderedUpdate } from './outbound-adapter';
import { InvalidRecordId, checkedUpdate } from './record-ids';

const note = (recordNumber: string, lookupField?: string): RenderedUpdate => ({ kind: 'note', recordNumber, body: { work_notes: 'x' }, ...(lookupField ? { lookupField } : {}) });

/** A value that, placed in one of the ITSMs' searches or paths, selects or names something else. */
const ATTACKS = [
  'INC0010001^NQnumber=INC0010002',
  'INC0010001^ORnumber!=',
  'MOB-1" OR labels != "x',
  "tag:'x' OR id:>0",
  'INC000000000101" OR \'Incident Number\' != "',
  '1/../../users/me',
  '12?external_id=13',
  '12\n13',
  '',
];

describe('record ids', () => {
  const valid: Record<string, string> = { servicenow: 'RITM0010001', jira: 'MOB-12', zendesk: '35436', freshservice: '4521', 'bmc-helix': 'INC000000000101' };

  it.each(Object.entries(valid))('%s: its own numbers and the bridge\'s correlation ids pass, every attack is refused, not retriable', (itsm, number) => {
    const adapter = adapterFor(itsm)!.outbound;
    expect(checkedUpdate(note(number), adapter).recordNumber).toBe(number);
    expect(checkedUpdate(note('tangoe-activity-880001', 'correlation_id'), adapter).recordNumber).toBe('tangoe-activity-880001');
    for (const attack of ATTACKS) {
      expect(() => checkedUpdate(note(attack), adapter)).toThrow(InvalidRecordId);
      expect(() => checkedUpdate(note(`tangoe-activity-${attack}`, 'correlation_id'), adapter)).toThrow(InvalidRecordId);
    }
    const refused = (() => {
      try {
        checkedUpdate(note(ATTACKS[0]), adapter);
      } catch (error) {
        return error as InvalidRecordId;
      }
    })();
    expect(refused).toMatchObject({ code: 'invalid_record_id', retriable: false });
    expect(refused?.message).toContain('is not a record number like');
  });

  it("a generic webhook searches nothing: any ticket id passes", () => {
    expect(checkedUpdate(note('INC/1^x'), new GenericWebhookOutbound()).recordNumber).toBe('INC/1^x');
  });

  it('ServiceNow places no `^` in an encoded query, whatever checked the update before', async () => {
    const http = { get: jest.fn(), patch: jest.fn(), post: jest.fn() };
    const client = plainToInstance(ClientConfig, { id: 'acme', itsm: 'servicenow', outbound: { baseUrl: 'http://sn', auth: { type: 'basic', username: 'b', password: { env: 'P' } } } });
    await expect(adapterFor('servicenow')!.outbound.send(http as unknown as AxiosInstance, note('INC1^NQnumber=INC2'), client, {})).rejects.toThrow(InvalidRecordId);
    expect(http.get).not.toHaveBeenCalled();
    expect(http.patch).not.toHaveBeenCalled();
  });

  it('Jira keeps a label one JQL string, its quotes and backslashes escaped', async () => {
    const http = { get: jest.fn().mockResolvedValue({ status: 200, data: { issues: [] } }) };
    const client = plainToInstance(ClientConfig, { id: 'acme', itsm: 'jira', outbound: { baseUrl: 'http://jira', auth: { type: 'basic', username: 'b', password: { env: 'P' } } } });
    await adapterFor('jira')!.outbound.send(http as unknown as AxiosInstance, note('a"b\\c', 'labels'), client, {});
    expect(http.get.mock.calls[0][1].params.jql).toBe('labels = "a\\"b\\\\c"');
  });

  it("a webhook's record id reaches no query unchecked: ServiceNow reads no sys_id holding `^`, Helix's qualification keeps the key one string", async () => {
    const client = plainToInstance(ClientConfig, { id: 'acme', itsm: 'servicenow' });
    const servicenow = fakeReadHttp({});
    expect(await adapterFor('servicenow')!.reader.readOne(servicenow.http, client, { key: 'INC1', id: 'a^NQactive=true' })).toBeUndefined();
    expect(servicenow.calls).toEqual([]);
    const helix = fakeReadHttp({});
    await adapterFor('bmc-helix')!.reader.readOne(helix.http, client, { key: 'INC1" OR \'Status\' != "', id: 'x' }).catch(() => undefined);
    expect(helix.calls[0].params?.q).toBe(`'Incident Number'="INC1 OR 'Status' != "`);
  });
});
