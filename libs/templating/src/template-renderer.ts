import { BridgeError } from '@bridge/errors';
import { Liquid, Template } from 'liquidjs';

export type TemplateErrorCode = 'template_failed';

/** A template that failed to parse or render: not retriable, the client's configuration must change. */
export class TemplateError extends BridgeError<TemplateErrorCode> {
  constructor(message: string, options?: { cause?: unknown }) {
    super('template_failed', message, { retriable: false, cause: options?.cause });
  }
}

/**
 * Liquid, the syntax the seeds already show (`{{ support_request.interactions.last.text }}`). Parsed templates are
 * cached by source, since every client renders the same few templates for every ticket. Rendering is
 * plain text: the output is a field value, never HTML, so nothing is escaped here.
 */
export class TemplateRenderer {
  private readonly engine = new Liquid({ strictFilters: true, strictVariables: false, ownPropertyOnly: true, cache: false });
  private readonly parsed = new Map<string, Template[]>();

  /** Parses now, so a bad template is reported when configuration loads, not when the first ticket arrives. */
  check(source: string): void {
    this.parse(source);
  }

  render(source: string, context: Record<string, unknown>): string {
    try {
      return this.engine.renderSync(this.parse(source), context) as string;
    } catch (error) {
      if (error instanceof TemplateError) throw error;
      throw new TemplateError(`template failed to render: ${(error as Error).message}`, { cause: error });
    }
  }

  private parse(source: string): Template[] {
    let templates = this.parsed.get(source);
    if (!templates) {
      try {
        templates = this.engine.parse(source);
      } catch (error) {
        throw new TemplateError(`template does not parse: ${(error as Error).message}`, { cause: error });
      }
      this.parsed.set(source, templates);
    }
    return templates;
  }
}
