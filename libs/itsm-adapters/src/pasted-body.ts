import { InboundPayloadError } from './itsm-adapter';

/**
 * A webhook body the ITSM admin pastes from the bridge's docs (Zendesk's trigger body, Freshservice's workflow body,
 * BMC Helix's AR workflow body): JSON text with the vendor's placeholders (`{{ticket.title}}`, `$Description$`)
 * inside its strings. No vendor documents that it escapes what it puts there, so a `"`, a backslash or a line break
 * in a subject arrives raw: the body is no longer JSON, or worse, it is JSON with a field the subject injected.
 *
 * The bridge knows the body it documented, so it reads the body by that skeleton instead of trusting the JSON: the
 * text between the placeholders is matched in order, left to right (white space may differ, as a paste reformats),
 * and each placeholder's text is taken whole, quotes and braces included. When every value is valid JSON string
 * content the vendor escaped them (or nothing needed escaping) and they are decoded; otherwise they are taken as
 * written. A body that does not follow the skeleton (an admin's own layout) is left to the JSON reader.
 *
 * The scan never backtracks: each literal is searched once from where the previous value began, so a hostile body
 * costs time linear in its size times the skeleton's few dozen parts.
 */
export class PastedBody {
  private readonly literals: RegExp[];
  private readonly shape: unknown;
  /** How often each literal stands in the documented body itself (two sections may share one: Helix's `Submit Date`). */
  private readonly literalCounts: number[];
  /** Per value, the keys of the object it sits in, as they would be written in a body: `"status":`. */
  private readonly siblingKeys: RegExp[] = [];

  /**
   * @param template the documented body
   * @param placeholder the vendor's placeholders, a global regular expression
   * @param wildcards string values of the template the admin is told to change (the `event` each trigger reports),
   *   read like placeholders
   */
  constructor(template: string, placeholder: RegExp, wildcards: readonly string[] = []) {
    let skeleton = template;
    for (const wildcard of wildcards) skeleton = skeleton.split(JSON.stringify(wildcard)).join('"\u0000"');
    skeleton = skeleton.replace(placeholder, '\u0000');
    const parts = skeleton.split('\u0000');
    // The template with each hole named, parsed once: where each value goes in the object the body means.
    this.shape = JSON.parse(parts.reduce((text, part, index) => (index === 0 ? part : `${text}${hole(index - 1)}${part}`), ''));
    if (parts.slice(1, -1).some((part) => part === '')) throw new Error('two placeholders side by side cannot be told apart');
    collectSiblingKeys(this.shape, [], this.siblingKeys);
    this.literals = parts.map((part, index) => new RegExp(`${index === 0 ? '^\\s*' : ''}${literalPattern(part)}${index === parts.length - 1 ? '\\s*$' : ''}`, 'g'));
    this.literalCounts = this.literals.map((literal) => countMatches(literal, parts.join('\u0000'), Number.POSITIVE_INFINITY));
  }

  /** The object the body means, or undefined when it does not follow the skeleton. */
  read(body: string): unknown {
    const values = this.scan(body);
    if (!values) return undefined;
    const decoded = values.map(decodeJsonStringContent);
    if (decoded.every((value) => value !== undefined)) return fill(this.shape, decoded as string[]);
    // Some value holds an unescaped quote. Either the vendor put text in raw, or the admin added fields of their own
    // between the documented ones (a valid JSON document of another layout, for the JSON reader). A raw value that
    // names a field of its own object is an injection attempt and stays one value.
    if (parsesAsJson(body) && !values.some((value, index) => this.siblingKeys[index].test(value))) return undefined;
    // A raw value that repeats the words between two placeholders could shift every field after it (a subject holding
    // `", "status": "solved`): such a body cannot be read unambiguously, so it is refused, not guessed at.
    if (this.literals.some((literal, index) => index > 0 && index < this.literals.length - 1 && countMatches(literal, body) > this.literalCounts[index])) {
      throw new InboundPayloadError([{ field: '(body)', problem: "repeats the documented body's own words inside a value, so its fields cannot be told apart" }]);
    }
    return fill(this.shape, values);
  }

  private scan(body: string): string[] | undefined {
    const [first, ...rest] = this.literals;
    first.lastIndex = 0;
    const start = first.exec(body);
    if (!start || start.index !== 0) return undefined;
    let position = start.index + start[0].length;
    const values: string[] = [];
    for (const literal of rest) {
      literal.lastIndex = position;
      const next = literal.exec(body);
      if (!next) return undefined;
      values.push(body.slice(position, next.index));
      position = next.index + next[0].length;
    }
    return position === body.length ? values : undefined;
  }
}

const hole = (index: number) => `@@pasted-value-${index}@@`;
const HOLE = /@@pasted-value-(\d+)@@/g;

function fill(shape: unknown, values: readonly string[]): unknown {
  if (typeof shape === 'string') return shape.replace(HOLE, (_, index: string) => values[Number(index)]);
  if (Array.isArray(shape)) return shape.map((item) => fill(item, values));
  if (shape !== null && typeof shape === 'object') return Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, fill(value, values)]));
  return shape;
}

/** How often a literal stands in a text (up to `atMost`); an empty match (white space between placeholders) counts once. */
function countMatches(literal: RegExp, text: string, atMost = 16): number {
  const global = new RegExp(literal.source, 'g');
  let count = 0;
  for (let match = global.exec(text); match !== null && count < atMost; match = global.exec(text)) {
    count += 1;
    if (match[0] === '') global.lastIndex += 1;
  }
  return count;
}

function collectSiblingKeys(shape: unknown, keys: readonly string[], into: RegExp[]): void {
  if (typeof shape === 'string') {
    const pattern = new RegExp(`"(${keys.map(escapeRegExp).join('|')})"\\s*:`);
    for (const match of shape.matchAll(HOLE)) into[Number(match[1])] = pattern;
  } else if (shape !== null && typeof shape === 'object') {
    const own = Array.isArray(shape) ? [] : Object.keys(shape);
    for (const value of Object.values(shape)) collectSiblingKeys(value, own, into);
  }
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The text a JSON string with this content stands for, or undefined when it is not valid JSON string content. */
function decodeJsonStringContent(content: string): string | undefined {
  try {
    return JSON.parse(`"${content}"`) as string;
  } catch {
    return undefined;
  }
}

/** Text between two placeholders, white space matched loosely; text that is only white space must still be there. */
function literalPattern(text: string): string {
  if (text.trim() === '') return text === '' ? '' : '\\s+';
  return text.trim().split(/\s+/).map(escapeRegExp).join('\\s*');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
