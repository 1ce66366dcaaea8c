import { HttpException } from '@nestjs/common';
import { MAX_ITEMS_PER_REPLAY, actionRequestOf } from './action-request';

const refusal = (fields: Record<string, unknown>) => {
  try {
    actionRequestOf(fields);
  } catch (error) {
    return ((error as HttpException).getResponse() as { message: string }).message;
  }
  throw new Error('accepted');
};

describe('actionRequestOf', () => {
  it('reads a query or a form, one item or many', () => {
    expect(actionRequestOf({ client: 'acme', reason: ' ITSM upgrade ', since: '2026-11-01' })).toEqual({ clientId: 'acme', reason: 'ITSM upgrade', since: '2026-11-01', ticket: undefined, items: [] });
    expect(actionRequestOf({ item: 'gateway|ticket_work:1' }).items).toEqual(['gateway|ticket_work:1']);
    expect(actionRequestOf({ item: ['gateway|ticket_work:1', 'notifier|deliveries:2'], _csrf: 'x' }).items).toHaveLength(2);
  });

  it('refuses what is not what it must be, naming the field', () => {
    expect(refusal({ client: 'Acme Corp' })).toBe('client "Acme Corp" is no client id');
    expect(refusal({ client: ['acme', 'globex'] })).toMatch(/^client must be text/);
    expect(refusal({ since: 'last week' })).toMatch(/^since last week is no date/);
    expect(refusal({ reason: 'x'.repeat(501) })).toMatch(/^reason must be text of at most 500/);
    expect(refusal({ item: 'gateway|../admin' })).toMatch(/not one the waiting list names/);
    expect(refusal({ item: Array.from({ length: MAX_ITEMS_PER_REPLAY + 1 }, (_, i) => `gateway|ticket_work:${i}`) })).toMatch(/^at most/);
  });
});
