/**
 * Deeper than any ITSM's webhook goes (Jira's rich text nests a dozen levels or so); past it, the recursive readers
 * a payload meets (class-transformer, rich-text walks) overflow the stack instead of refusing it.
 */
export const MAX_PAYLOAD_DEPTH = 64;

/** Keys that name JavaScript's object machinery rather than any ITSM's field: class-transformer trips on them. */
const MACHINERY_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A refusal names a handful of places; a hostile body may have thousands. */
const MAX_PROBLEMS = 10;

/**
 * What makes a JSON document unsafe to hand to the adapters' readers whatever its fields mean: nesting beyond
 * `MAX_PAYLOAD_DEPTH`, or keys such as `__proto__`. Walked with an explicit stack, so the check cannot overflow itself.
 */
export function payloadShapeProblems(payload: unknown): Array<{ field: string; problem: string }> {
  const problems: Array<{ field: string; problem: string }> = [];
  const pending: Array<{ value: unknown; path: string; depth: number }> = [{ value: payload, path: '', depth: 0 }];
  while (pending.length > 0 && problems.length < MAX_PROBLEMS) {
    const { value, path, depth } = pending.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_PAYLOAD_DEPTH) {
      problems.push({ field: path.length > 80 ? `${path.slice(0, 80)}…` : path, problem: `nests deeper than ${MAX_PAYLOAD_DEPTH} levels` });
      continue;
    }
    for (const key of Object.keys(value)) {
      const at = path ? `${path}.${key}` : key;
      if (MACHINERY_KEYS.has(key)) problems.push({ field: at, problem: 'is a reserved JavaScript property name' });
      else pending.push({ value: (value as Record<string, unknown>)[key], path: at, depth: depth + 1 });
    }
  }
  return problems.slice(0, MAX_PROBLEMS);
}
