/**
 * The part of ServiceNow's encoded query language the bridge sends (ServiceNow docs, "Encoded query strings"):
 * conditions joined by `^` (and), `^OR` (or, binding to the condition before), `^NQ` (a new query, or'd with the
 * others), the operators `=`, `!=`, `>`, `>=`, `<`, `<=`, `IN`, `STARTSWITH`, and `ORDERBY` / `ORDERBYDESC`. Values
 * compare as the raw strings ServiceNow stores, which for its date-times ("yyyy-MM-dd HH:mm:ss") and sys_ids is
 * also their order.
 */
export interface EncodedQuery {
  matches(record: Record<string, unknown>): boolean;
  sort<T extends Record<string, unknown>>(records: T[]): T[];
}

type Condition = (record: Record<string, unknown>) => boolean;
const OPERATORS = ['>=', '<=', '!=', 'STARTSWITH', 'IN', '>', '<', '='] as const;

export function parseEncodedQuery(query: string | undefined): EncodedQuery {
  const orders: Array<{ field: string; descending: boolean }> = [];
  const groups: Condition[][] = (query ?? '').split('^NQ').map((group) => {
    const conditions: Condition[] = [];
    for (const term of group.split('^').filter((part) => part !== '')) {
      if (term.startsWith('ORDERBYDESC')) orders.push({ field: term.slice(11), descending: true });
      else if (term.startsWith('ORDERBY')) orders.push({ field: term.slice(7), descending: false });
      else if (term.startsWith('OR') && conditions.length > 0) {
        const previous = conditions.pop()!;
        const alternative = condition(term.slice(2));
        conditions.push((record) => previous(record) || alternative(record));
      } else conditions.push(condition(term));
    }
    return conditions;
  });
  return {
    matches: (record) => groups.some((conditions) => conditions.every((test) => test(record))),
    sort: (records) =>
      [...records].sort((a, b) => {
        for (const { field, descending } of orders) {
          const order = String(a[field] ?? '').localeCompare(String(b[field] ?? ''), 'en', { numeric: false });
          if (order !== 0) return descending ? -order : order;
        }
        return 0;
      }),
  };
}

function condition(term: string): Condition {
  for (const operator of OPERATORS) {
    const at = term.indexOf(operator);
    if (at <= 0) continue;
    const field = term.slice(0, at);
    if (!/^[\w.]+$/.test(field)) continue;
    const value = term.slice(at + operator.length);
    return (record) => compare(String(record[field] ?? ''), operator, value);
  }
  return () => false;
}

function compare(actual: string, operator: (typeof OPERATORS)[number], value: string): boolean {
  switch (operator) {
    case '=':
      return actual === value;
    case '!=':
      return actual !== value;
    case '>':
      return actual > value;
    case '>=':
      return actual >= value;
    case '<':
      return actual < value;
    case '<=':
      return actual <= value;
    case 'IN':
      return value.split(',').includes(actual);
    case 'STARTSWITH':
      return actual.startsWith(value);
  }
}
