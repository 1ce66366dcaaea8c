const ENTITIES: Readonly<Record<string, string>> = {
  nbsp: ' ', lt: '<', gt: '>', quot: '"', apos: "'", amp: '&', mdash: '—', ndash: '–', hellip: '…',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', euro: '€', copy: '©', reg: '®', trade: '™',
};

/**
 * An ITSM's HTML text (a Zendesk `html_value`, a Freshservice description) as plain text: block ends and `<br>` as
 * line breaks, other tags dropped, the common entities decoded. Text without markup passes through unchanged.
 */
export function htmlToText(value: string): string {
  if (!/<[a-z/!][^>]*>/i.test(value)) return value;
  return value
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6]|tr|blockquote)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&#(\d+);/g, (entity, code: string) => codePoint(Number(code), entity))
    .replace(/&#x([0-9a-f]+);/gi, (entity, code: string) => codePoint(parseInt(code, 16), entity))
    .replace(/&([a-z]+);/gi, (entity, name: string) => ENTITIES[name.toLowerCase()] ?? entity)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * A numeric reference as its character. One beyond Unicode (`&#99999999;`), a surrogate or NUL is what HTML
 * parsers show as U+FFFD; `String.fromCodePoint` would throw and fail the whole mapping on one character of text.
 */
function codePoint(code: number, entity: string): string {
  if (!Number.isFinite(code)) return entity;
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
  return String.fromCodePoint(code);
}
