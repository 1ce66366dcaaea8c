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
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&([a-z]+);/gi, (entity, name: string) => ENTITIES[name.toLowerCase()] ?? entity)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
