import { FieldErrors, addError } from '../store/support-request';

/** Which fields of a listed record filter and order, by kind: times compare as instants, ids as numbers. */
export interface ListSchema {
  time: readonly string[];
  number: readonly string[];
  text: readonly string[];
  order: readonly string[];
}

/** `GET /1/support_requests`. */
export const SUPPORT_REQUEST_LIST: ListSchema = {
  time: ['created_at', 'updated_at'],
  number: ['id'],
  text: ['state', 'external_source_id', 'request_type', 'assignment_group'],
  order: ['id', 'created_at', 'updated_at', 'state', 'external_source_id'],
};

/** `GET /1/activities`, with the filters Tangoe's API portal lists (apps/sandbox/README.md, "Activities"). */
export const ACTIVITY_LIST: ListSchema = {
  time: ['created_at', 'updated_at', 'completed_at'],
  number: ['id', 'activity_type_id', 'assigned_to_id'],
  text: ['state', 'remote_activity_id'],
  order: ['id', 'created_at', 'updated_at', 'completed_at', 'state'],
};

const PREDICATES = ['eq', 'not_eq', 'gt', 'gteq', 'gte', 'lt', 'lteq', 'lte', 'in'] as const;
type Predicate = (typeof PREDICATES)[number];

/** A record of a list: its fields by name, an id to break ties. */
type Listed = { id: number };

export interface Filter {
  field: string;
  predicate: Predicate;
  values: Array<string | number>;
}

export interface ListQuery {
  page: number;
  perPage: number;
  filters: Filter[];
  order: { field: string; direction: 'asc' | 'desc' };
  schema: ListSchema;
}

export interface ListPage<T> {
  items: T[];
  total: number;
  totalPages: number;
}

export const DEFAULT_PER_PAGE = 100;
export const MAX_PER_PAGE = 999;

/**
 * Paging and ransack-style filtering as Tangoe's API portal describes it (apps/sandbox/README.md, "Listing"): `page` (1-based), `per_page` (default 100,
 * at most 999; more is a 422 rather than a silent clamp, so a caller relying on bigger pages learns it at once),
 * `<field>_<predicate>` (`eq`, `not_eq`, `gt`, `gte`/`gteq`, `lt`, `lte`/`lteq`, `in` with comma-separated values),
 * and `order=<field> asc|desc`. Unknown parameters are ignored, as ransack does; a malformed known one is a 422.
 */
export function parseListQuery(query: Record<string, unknown>, maxPerPage = MAX_PER_PAGE, schema: ListSchema = SUPPORT_REQUEST_LIST): { value?: ListQuery; errors: FieldErrors } {
  const fields = [...schema.time, ...schema.number, ...schema.text];
  const filterPattern = new RegExp(`^(${fields.join('|')})_(${PREDICATES.join('|')})$`);
  const errors: FieldErrors = {};
  const page = positiveInteger(query.page, 1);
  if (page === undefined) addError(errors, 'page', 'must be a whole number of at least 1');
  const perPage = positiveInteger(query.per_page, DEFAULT_PER_PAGE);
  if (perPage === undefined || perPage > maxPerPage) addError(errors, 'per_page', `must be between 1 and ${maxPerPage}`);

  const filters: Filter[] = [];
  for (const [name, raw] of Object.entries(query)) {
    const match = filterPattern.exec(name);
    if (!match) continue;
    const field = match[1];
    const predicate = match[2] as Predicate;
    const texts = (Array.isArray(raw) ? raw : [raw]).flatMap((value) => (predicate === 'in' ? String(value).split(',') : [String(value)]));
    const values: Array<string | number> = [];
    for (const text of texts) {
      const value = typed(schema, field, text);
      if (value === undefined) addError(errors, name, schema.time.includes(field) ? 'is not a valid time' : 'is not a valid number');
      else values.push(value);
    }
    filters.push({ field, predicate, values });
  }

  const [orderField = 'id', direction = 'asc', ...rest] = String(query.order ?? 'id asc').trim().split(/\s+/);
  if (!schema.order.includes(orderField) || (direction !== 'asc' && direction !== 'desc') || rest.length > 0) {
    addError(errors, 'order', `must be "<${schema.order.join('|')}> asc|desc"`);
  }
  if (Object.keys(errors).length > 0) return { errors };
  return { errors, value: { page: page!, perPage: perPage!, filters, order: { field: orderField, direction: direction as 'asc' | 'desc' }, schema } };
}

/** Filters, orders (ties by id, so pages are stable) and cuts one page. */
export function applyListQuery<T extends Listed>(records: T[], query: ListQuery): ListPage<T> {
  const matching = records.filter((record) => query.filters.every((filter) => matches(record, filter, query.schema)));
  const sign = query.order.direction === 'desc' ? -1 : 1;
  matching.sort((a, b) => sign * compare(valueOf(a, query.order.field, query.schema), valueOf(b, query.order.field, query.schema)) || a.id - b.id);
  const start = (query.page - 1) * query.perPage;
  return { items: matching.slice(start, start + query.perPage), total: matching.length, totalPages: Math.ceil(matching.length / query.perPage) };
}

function matches(record: Listed, filter: Filter, schema: ListSchema): boolean {
  const actual = valueOf(record, filter.field, schema);
  const [value] = filter.values;
  switch (filter.predicate) {
    case 'eq':
      return actual !== null && compare(actual, value) === 0;
    case 'not_eq':
      return actual === null || compare(actual, value) !== 0;
    case 'gt':
      return actual !== null && compare(actual, value) > 0;
    case 'gte':
    case 'gteq':
      return actual !== null && compare(actual, value) >= 0;
    case 'lt':
      return actual !== null && compare(actual, value) < 0;
    case 'lte':
    case 'lteq':
      return actual !== null && compare(actual, value) <= 0;
    case 'in':
      return actual !== null && filter.values.some((candidate) => compare(actual, candidate) === 0);
    default:
      return assertUnreachable(filter.predicate);
  }
}

/** Times compare as instants (ms), ids as numbers, the rest as text. */
function valueOf(record: Listed, field: string, schema: ListSchema): string | number | null {
  const value = (record as unknown as Record<string, unknown>)[field];
  if (value === null || value === undefined) return null;
  if (schema.time.includes(field)) return Date.parse(String(value));
  return typeof value === 'number' ? value : String(value);
}

function typed(schema: ListSchema, field: string, text: string): string | number | undefined {
  if (schema.time.includes(field)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? undefined : ms;
  }
  if (schema.number.includes(field)) return /^\d+$/.test(text) ? Number(text) : undefined;
  return text;
}

/** Nulls (an unassigned group, an activity not completed) sort first. */
function compare(a: string | number | null, b: string | number | null | undefined): number {
  if (a === b) return 0;
  if (a === null || b === null || b === undefined) return a === null ? -1 : 1;
  return a < b ? -1 : 1;
}

function positiveInteger(raw: unknown, fallback: number): number | undefined {
  if (raw === undefined || raw === '') return fallback;
  const text = String(raw);
  return /^\d+$/.test(text) && Number(text) >= 1 ? Number(text) : undefined;
}

function assertUnreachable(value: never): never {
  throw new Error(`unexpected predicate ${String(value)}`);
}
