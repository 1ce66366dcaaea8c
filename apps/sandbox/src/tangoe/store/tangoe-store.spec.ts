import { SupportRequest } from './support-request';
import { TangoeStore, isFieldErrors } from './tangoe-store';

const input = { text: 'Screen cracked', requestor_name: 'Ann Smith', requestor_number: '5551234567', request_type: 'Device Replacement', external_source_id: 'INC1' };

describe('TangoeStore', () => {
  const now = Date.parse('2026-11-24T10:00:00Z');
  const create = (store: TangoeStore, company = 'acme', employeeId?: string) => store.create(company, input, employeeId) as SupportRequest;

  it('gives every change its own, later time, even within one millisecond, so an updated_at cursor skips none', () => {
    const store = new TangoeStore(() => new Date(now));
    const request = create(store);
    const created = request.updated_at;
    store.addInteraction('acme', request.token, 'note', 'api');
    expect(Date.parse(request.updated_at)).toBe(Date.parse(created) + 1);
    store.changeState(request.id, 'closed', 'specialist');
    expect(Date.parse(request.updated_at)).toBe(Date.parse(created) + 2);
    expect(request.updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('keeps the history of every change, by whom', () => {
    const store = new TangoeStore(() => new Date(now));
    const request = create(store);
    store.addInteraction('acme', request.token, 'specialist note', 'specialist');
    store.changeState(request.id, 'awaiting_customer_response', 'specialist');
    store.changeState(request.id, 'awaiting_customer_response', 'specialist');
    store.reassign(request.id, 'Service Desk', 'specialist');
    expect(request.history.map((c) => `${c.change}:${c.by}:${c.to_state ?? ''}`)).toEqual([
      'created:api:open',
      'interaction_created:specialist:',
      'state_changed:specialist:awaiting_customer_response',
      'reassigned:specialist:reassigned',
    ]);
    expect(store.changes({ since: request.history[1].at }).map((c) => c.change)).toEqual(['state_changed', 'reassigned']);
    expect(store.changes({ company: 'globex' })).toEqual([]);
  });

  it("finds a thread only within the request's company", () => {
    const store = new TangoeStore();
    const request = create(store);
    expect(store.addInteraction('globex', request.token, 'x', 'api')).toBeUndefined();
    expect(store.list('globex')).toEqual([]);
  });

  it('associates the employee, or refuses one it does not know', () => {
    const store = new TangoeStore();
    expect(create(store, 'acme', '10001')).toMatchObject({ on_behalf_of_id: 1831572 });
    const unknown = store.create('acme', input, '99999');
    expect(isFieldErrors(unknown) && unknown).toEqual({ employee_id: ['does not match a person'] });
    store.people.push({ id: 5, name_first: 'Only', name_last: 'Globex', email: 'o@g', employee_id: 'G1', group_name: 'G', company: 'globex' });
    expect(isFieldErrors(store.create('acme', input, 'G1'))).toBe(true);
    expect(isFieldErrors(store.create('globex', input, 'G1'))).toBe(false);
  });

  it('answers in the seed shape with a 24-character alphanumeric thread token', () => {
    const store = new TangoeStore();
    const shape = store.present(create(store, 'acme', '10000'));
    expect(Object.keys(shape).sort()).toEqual(
      [
        'id', 'requestor_name', 'requestor_number', 'number_request_is_about', 'on_behalf_of_id', 'line_id', 'assigned_to_id', 'device_type', 'state',
        'created_at', 'updated_at', 'third_party_source', 'requestor_id', 'external_source_id', 'request_type', 'interaction_thread', 'interactions',
        'on_behalf_of', 'assigned_to', 'attachments', 'vip', 'assignment_group',
      ].sort(),
    );
    expect((shape.interaction_thread as { token: string }).token).toMatch(/^[A-Za-z0-9]{24}$/);
  });
});
