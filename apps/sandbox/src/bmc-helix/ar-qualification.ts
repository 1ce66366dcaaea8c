/**
 * The part of AR System's qualification language the bridge sends in `q` (BMC docs, "Endpoints in AR REST API",
 * qualifications as in the AR System client): `'Field Name' op "value"` with `=`, `!=`, `<`, `<=`, `>`, `>=`, joined
 * by AND and OR (AND binding tighter), in parentheses. Values that both read as dates compare as dates (AR compares
 * date fields by time, whatever the text), others as text. Anything else is no qualification: undefined.
 */
export type Qualification = (record: Record<string, unknown>) => boolean;

export function parseQualification(text: string): Qualification | undefined {
  const tokens = text.match(/'[^']*'|"[^"]*"|\(|\)|>=|<=|!=|=|<|>|\bAND\b|\bOR\b|\S+/g) ?? [];
  let at = 0;
  const peek = () => tokens[at];
  const next = () => tokens[at++];

  const or = (): Qualification | undefined => {
    let left = and();
    while (left && peek() === 'OR') {
      next();
      const right = and();
      if (!right) return undefined;
      const l = left;
      left = (record) => l(record) || right(record);
    }
    return left;
  };
  const and = (): Qualification | undefined => {
    let left = term();
    while (left && peek() === 'AND') {
      next();
      const right = term();
      if (!right) return undefined;
      const l = left;
      left = (record) => l(record) && right(record);
    }
    return left;
  };
  const term = (): Qualification | undefined => {
    if (peek() === '(') {
      next();
      const inner = or();
      return next() === ')' ? inner : undefined;
    }
    const field = next();
    const operator = next();
    const value = next();
    if (!field?.startsWith("'") || !value?.startsWith('"') || !['=', '!=', '<', '<=', '>', '>='].includes(operator ?? '')) return undefined;
    const name = field.slice(1, -1);
    const wanted = value.slice(1, -1);
    return (record) => compare(record[name], operator!, wanted);
  };

  const qualification = or();
  return qualification && at === tokens.length ? qualification : undefined;
}

function compare(actual: unknown, operator: string, wanted: string): boolean {
  const text = actual === null || actual === undefined ? '' : String(actual);
  const a = asTime(text);
  const b = asTime(wanted);
  const order = a !== undefined && b !== undefined ? Math.sign(a - b) : text < wanted ? -1 : text > wanted ? 1 : 0;
  switch (operator) {
    case '=':
      return order === 0;
    case '!=':
      return order !== 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    default:
      return order >= 0;
  }
}

function asTime(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
  const time = Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(time) ? undefined : time;
}
