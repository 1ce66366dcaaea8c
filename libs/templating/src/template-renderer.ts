import { BridgeError } from '@bridge/errors';
import { Liquid, Tag, TagToken, Template, TopLevelToken } from 'liquidjs';

export type TemplateErrorCode = 'template_failed';

/** A template that failed to parse or render: not retriable, the client's configuration must change. */
export class TemplateError extends BridgeError<TemplateErrorCode> {
  constructor(message: string, options?: { cause?: unknown }) {
    super('template_failed', message, { retriable: false, cause: options?.cause });
  }
}

/**
 * What one template may cost. Templates come from the clients file and render per delivery inside the notifier's
 * worker, synchronously: these keep a runaway template to one failed (parked) delivery instead of a blocked worker.
 * A real payload template is a few hundred characters and renders in well under a millisecond.
 */
export const TEMPLATE_LIMITS = {
  /** Characters of template source parsed at once. */
  parseCharacters: 50_000,
  /** Milliseconds one render may take; liquidjs checks it before each node, loop bodies included. */
  renderMilliseconds: 250,
  /** Characters and array items the memory-sensitive tags and filters (ranges, `append`, `split`, …) may allocate. */
  memoryUnits: 10_000_000,
} as const;

/** Tags that read another template from a store: templates read no file, whether named in the source or by a variable. */
const FILE_TAGS = ['include', 'render', 'layout'] as const;

/** Throws while parsing, so `bridge config check` and clients-file loading refuse the template. */
class FileTagRefused extends Tag {
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid);
    throw new Error(`{% ${token.name} %} is not allowed: templates read no file`);
  }

  render(): void {}
}

/**
 * Liquid, the syntax the seeds already show (`{{ support_request.interactions.last.text }}`). Parsed templates are
 * cached by source, since every client renders the same few templates for every ticket. Rendering is
 * plain text: the output is a field value, never HTML, so nothing is escaped here.
 */
export class TemplateRenderer {
  private readonly engine = sandboxedLiquid();
  private readonly parsed = new Map<string, Template[]>();

  /**
   * Parses now, so a bad template is reported when configuration loads, not when the first ticket arrives; and
   * renders once with nothing in the context, so a template that runs away on its own (`(1..3000000)`) is refused
   * too. Other render errors of that trial are ignored: with no data, a legitimate template may not render.
   */
  check(source: string): void {
    const templates = this.parse(source);
    try {
      this.engine.renderSync(templates, {});
    } catch (error) {
      const limit = exceededLimit(error);
      if (limit) throw new TemplateError(`template ${limit} even with no data`, { cause: error });
    }
  }

  render(source: string, context: Record<string, unknown>): string {
    try {
      return this.engine.renderSync(this.parse(source), context) as string;
    } catch (error) {
      if (error instanceof TemplateError) throw error;
      const limit = exceededLimit(error);
      throw new TemplateError(limit ? `template ${limit}` : `template failed to render: ${(error as Error).message}`, { cause: error });
    }
  }

  private parse(source: string): Template[] {
    let templates = this.parsed.get(source);
    if (!templates) {
      try {
        templates = this.engine.parse(source);
      } catch (error) {
        const limit = exceededLimit(error);
        throw new TemplateError(limit ? `template ${limit}` : `template does not parse: ${(error as Error).message}`, { cause: error });
      }
      this.parsed.set(source, templates);
    }
    return templates;
  }
}

/** No file store (an empty in-memory one, and the file tags refused at parse) and every DoS limit liquidjs has. */
function sandboxedLiquid(): Liquid {
  const engine = new Liquid({
    strictFilters: true,
    strictVariables: false,
    ownPropertyOnly: true,
    cache: false,
    templates: {},
    dynamicPartials: false,
    relativeReference: false,
    parseLimit: TEMPLATE_LIMITS.parseCharacters,
    renderLimit: TEMPLATE_LIMITS.renderMilliseconds,
    memoryLimit: TEMPLATE_LIMITS.memoryUnits,
  });
  for (const name of FILE_TAGS) engine.registerTag(name, FileTagRefused);
  return engine;
}

const LIMIT_MESSAGES: Record<string, string> = {
  'parse length limit exceeded': `is longer than ${TEMPLATE_LIMITS.parseCharacters} characters`,
  'template render limit exceeded': `took longer than its ${TEMPLATE_LIMITS.renderMilliseconds} ms render limit`,
  'memory alloc limit exceeded': `exceeded its memory limit of ${TEMPLATE_LIMITS.memoryUnits} units`,
};

/** liquidjs reports a limit as an assertion whose message names it, wrapped in a parse or render error. */
function exceededLimit(error: unknown): string | undefined {
  for (let current = error as { message?: string; originalError?: unknown } | undefined; current; current = current.originalError as typeof current) {
    const found = Object.keys(LIMIT_MESSAGES).find((message) => current!.message?.startsWith(message));
    if (found) return LIMIT_MESSAGES[found];
  }
  return undefined;
}
