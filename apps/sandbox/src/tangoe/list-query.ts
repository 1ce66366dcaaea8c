import { FieldErrors, SupportRequest, addError } from './support-request';

const TIME_FIELDS = ['created_at', 'updated_at'] as const;
const NUMBER_FIELDS = ['id'] as const;
const TEXT_FIELDS = ['state', 'external_source_id', 'request_type', 'assignment_group'] as const;
const FIELDS = [...TIME_FIELDS, ...NUMBER_FIELDS, ...TEXT_FIELDS] as const;
type Field = (typeof FIELDS)[number];
const PREDICATES = ['eq', 'not_eq', 'gt', 'gteq', 'gte', 'lt', 'lteq', 'lte', 'in'] as const;
type Predicate = (typeof PREDICATES)[number];
const ORDER_FIELDS: readonly Field[] = ['id', 'created_at', 'updated_at', 'state', 'external_source_id'];
const FILTER = new RegExp(`^(${FIELDS.join('|')})_(${PREDICATES.join('|')})$`);

export interface Filter {
  field: Field;
  predicate: Predicate;
  values: Array<string | number>;
}

export interface ListQuery {
  page: number;
  perPage: number;
  filters: Filter[];
  order: { field: Field; direction: 'asc' | 'desc' };
}

export interface ListPage {
  items: SupportRequest[];
  total: number;
  totalPages: number;
}

export const DEFAULT_PER_PAGE = 100;
export const MAX_PER_PAGE = 999;

/**
 * Paging and ransack-style filtering as Tangoe's API portal describes it: `page` (1-based), `per_page` (default 100,
 * at most 999; more is a 422 rather than a silent clamp, so a caller relying on bigger pages learns it at once),
 * `<field>_<predicate>` (`eq`, `not_eq`, `gt`, `gte`/`gteq`, `lt`, `lte`/`lteq`, `in` with comma-separated values),
 * and `order=<field> asc|desc`. Unknown parameters are ignored, as ransack does; a malformed known one is a 422.
 */
export function parseListQuery(query: Record<string, unknown>, maxPerPage = MAX_PER_PAGE): { value?: ListQuery; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const page = positiveInteger(query.page, 1);
  if (page === undefined) addError(errors, 'page', 'must be a whole number of at least 1');
  const perPage = positiveInteger(query.per_page, DEFAULT_PER_PAGE);
  if (perPage === undefined || perPage > maxPerPage) addError(errors, 'per_page', `must be between 1 and ${maxPerPage}`);

  const filters: Filter[] = [];
  for (const [name, raw] of Object.entries(query)) {
    const match = FILTER.exec(name);
    if (!match) continue;
    const field = match[1] as Field;
    const predicate = match[2] as Predicate;
    const texts = (Array.isArray(raw) ? raw : [raw]).flatMap((value) => (predicate === 'in' ? String(value).split(',') : [String(value)]));
    const values: Array<string | number> = [];
    for (const text of texts) {
      const value = typed(field, text);
      if (value === undefined) addError(errors, name, (TIME_FIELDS as readonly string[]).includes(field) ? 'is not a valid time' : 'is not a valid number');
      else values.push(value);
    }
    filters.push({ field, predicate, values });
  }

  const [orderField = 'id', direction = 'asc', ...rest] = String(query.order ?? 'id asc').trim().split(/\s+/);
  if (!ORDER_FIELDS.includes(orderField as Field) || (direction !== 'asc' && direction !== 'desc') || rest.length > 0) {
    addError(errors, 'order', `must be "<${ORDER_FIELDS.join('|')}> asc|desc"`);
  }
  if (Object.keys(errors).length > 0) return { errors };
  return { errors, value: { page: page!, perPage: perPage!, filters, order: { field: orderField as Field, direction: direction as 'asc' | 'desc' } } };
}

/** Filters, orders (ties by id, so pages are stable) and cuts one page. */
export function applyListQuery(requests: SupportRequest[], query: ListQuery): ListPage {
  const matching = requests.filter((request) => query.filters.every((filter) => matches(request, filter)));
  const sign = query.order.direction === 'desc' ? -1 : 1;
  matching.sort((a, b) => sign * compare(valueOf(a, query.order.field), valueOf(b, query.order.field)) || a.id - b.id);
  const start = (query.page - 1) * query.perPage;
  return { items: matching.slice(start, start + query.perPage), total: matching.length, totalPages: Math.ceil(matching.length / query.perPage) };
}

function matches(request: SupportRequest, filter: Filter): boolean {
  const actual = valueOf(request, filter.field);
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
function valueOf(request: SupportRequest, field: Field): string | number | null {
  const value = request[field];
  if (value === null) return null;
  return (TIME_FIELDS as readonly string[]).includes(field) ? Date.parse(String(value)) : value;
}

function typed(field: Field, text: string): string | number | undefined {
  if ((TIME_FIELDS as readonly string[]).includes(field)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? undefined : ms;
  }
  if ((NUMBER_FIELDS as readonly string[]).includes(field)) return /^\d+$/.test(text) ? Number(text) : undefined;
  return text;
}

/** Nulls (only `assignment_group` has them) sort first. */
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
