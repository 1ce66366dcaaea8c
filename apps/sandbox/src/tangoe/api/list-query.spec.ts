import { applyListQuery, parseListQuery } from './list-query';
import type { SupportRequest } from '../store/support-request';

const request = (id: number, fields: Partial<SupportRequest>): SupportRequest =>
  ({ id, state: 'open', external_source_id: `SN${id}`, request_type: 'tech_support', assignment_group: null, created_at: '', updated_at: '', ...fields }) as SupportRequest;
const at = (second: number) => `2026-11-24T10:00:${String(second).padStart(2, '0')}.000Z`;
const requests = [
  request(1, { created_at: at(1), updated_at: at(5), state: 'closed' }),
  request(2, { created_at: at(2), updated_at: at(3) }),
  request(3, { created_at: at(3), updated_at: at(4), assignment_group: 'Service Desk', state: 'reassigned' }),
  request(4, { created_at: at(4), updated_at: at(4) }),
];
const run = (query: Record<string, unknown>) => {
  const { value, errors } = parseListQuery(query);
  if (!value) throw new Error(JSON.stringify(errors));
  return applyListQuery(requests, value);
};
const ids = (query: Record<string, unknown>) => run(query).items.map((r) => r.id);

describe('list query (paging, ransack-style filters, order)', () => {
  it('defaults to page 1 of 100, by id', () => {
    expect(parseListQuery({}).value).toMatchObject({ page: 1, perPage: 100, order: { field: 'id', direction: 'asc' } });
    expect(ids({})).toEqual([1, 2, 3, 4]);
  });

  it('pages 1-based and says how many there are', () => {
    expect(run({ per_page: '3', page: '2' })).toMatchObject({ total: 4, totalPages: 2 });
    expect(ids({ per_page: '3', page: '2' })).toEqual([4]);
    expect(ids({ per_page: '3', page: '3' })).toEqual([]);
  });

  it('refuses per_page above 999 and malformed paging instead of guessing', () => {
    expect(parseListQuery({ per_page: '999' }).value?.perPage).toBe(999);
    expect(parseListQuery({ per_page: '1000' }).errors).toEqual({ per_page: ['must be between 1 and 999'] });
    expect(parseListQuery({ page: '0', per_page: 'ten' }).errors).toEqual({ page: ['must be a whole number of at least 1'], per_page: ['must be between 1 and 999'] });
  });

  it('filters on times as instants', () => {
    expect(ids({ updated_at_gt: at(4) })).toEqual([1]);
    expect(ids({ updated_at_gte: at(4) })).toEqual([1, 3, 4]);
    expect(ids({ updated_at_gteq: '2026-11-24T11:00:04+01:00' })).toEqual([1, 3, 4]);
    expect(ids({ created_at_gt: at(2), updated_at_lt: at(5) })).toEqual([3, 4]);
    expect(ids({ created_at_lteq: at(2) })).toEqual([1, 2]);
    expect(parseListQuery({ updated_at_gt: 'yesterday' }).errors).toEqual({ updated_at_gt: ['is not a valid time'] });
  });

  it('filters on text and ids', () => {
    expect(ids({ external_source_id_eq: 'SN2' })).toEqual([2]);
    expect(ids({ state_eq: 'open' })).toEqual([2, 4]);
    expect(ids({ state_not_eq: 'open' })).toEqual([1, 3]);
    expect(ids({ state_in: 'closed,reassigned' })).toEqual([1, 3]);
    expect(ids({ assignment_group_eq: 'Service Desk' })).toEqual([3]);
    expect(ids({ id_gt: '2' })).toEqual([3, 4]);
    expect(ids({ unknown_param: 'x', api_token: 'y' })).toEqual([1, 2, 3, 4]);
  });

  it('orders by a field, ties by id', () => {
    expect(ids({ order: 'updated_at asc' })).toEqual([2, 3, 4, 1]);
    expect(ids({ order: 'updated_at desc' })).toEqual([1, 3, 4, 2]);
    expect(ids({ order: 'created_at' })).toEqual([1, 2, 3, 4]);
    expect(parseListQuery({ order: 'requestor_name asc' }).errors.order).toBeDefined();
    expect(parseListQuery({ order: 'id sideways' }).errors.order).toBeDefined();
  });
});
