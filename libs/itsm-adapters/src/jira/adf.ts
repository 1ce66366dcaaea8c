/**
 * Atlassian Document Format, the rich text of Jira Cloud's REST API v3 (descriptions, comments): a tree of nodes
 * whose leaves are `text` nodes. The bridge reads it as plain text, a paragraph per line, and writes plain text back
 * as one paragraph per line. Jira Server/Data Center and API v2 send plain strings, which pass through.
 */
interface AdfNode {
  type?: string;
  text?: string;
  content?: AdfNode[];
  attrs?: Record<string, unknown>;
}

const BLOCKS = new Set(['paragraph', 'heading', 'blockquote', 'codeBlock', 'listItem', 'rule', 'panel', 'tableRow']);

export function adfToText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value !== 'object') return undefined;
  const lines: string[] = [];
  let line = '';
  const walk = (node: AdfNode) => {
    // A webhook's JSON, not a checked document: anything that is not a node is no text.
    if (node === null || typeof node !== 'object') return;
    if (node.type === 'text' && typeof node.text === 'string') line += node.text;
    else if (node.type === 'hardBreak') line += '\n';
    else if (node.type === 'mention') line += String(node.attrs?.text ?? '');
    else if (node.type === 'emoji') line += String(node.attrs?.text ?? node.attrs?.shortName ?? '');
    else if (node.type === 'inlineCard') line += String(node.attrs?.url ?? '');
    if (Array.isArray(node.content)) for (const child of node.content) walk(child);
    if (node.type && BLOCKS.has(node.type) && line !== '') {
      lines.push(line);
      line = '';
    }
  };
  walk(value as AdfNode);
  if (line !== '') lines.push(line);
  const text = lines.join('\n').trim();
  return text === '' ? undefined : text;
}

export function textToAdf(text: string): Record<string, unknown> {
  return {
    type: 'doc',
    version: 1,
    content: text.split('\n').map((line) => (line === '' ? { type: 'paragraph', content: [] } : { type: 'paragraph', content: [{ type: 'text', text: line }] })),
  };
}
