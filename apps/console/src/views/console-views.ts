import { Inject, Injectable } from '@nestjs/common';
import { Liquid } from 'liquidjs';
import type { ConsoleSettings } from '../console-settings';
import { CONSOLE_SETTINGS } from '../console.tokens';
import type { SignedIn } from '../auth/console-session.guard';
import { CONSOLE_TEMPLATES, ConsolePage } from './templates';

/** What every page's layout needs beside the page's own data. */
export interface PageFrame {
  title: string;
  /** The navigation entry the page belongs to. */
  section?: 'clients' | 'tickets' | 'waiting';
  signedIn?: SignedIn;
  /** What a service could not answer, shown above the page. */
  problems?: string[];
}

/**
 * The console's pages, rendered on the server with Liquid (liquidjs) from the templates in `templates/`, each page
 * in the layout's `content` block. Every value is HTML-escaped on output (no template says `| raw`): names, errors and
 * notes come from other systems and stay text.
 */
@Injectable()
export class ConsoleViews {
  private readonly engine: Liquid;

  constructor(@Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings) {
    this.engine = new Liquid({ templates: CONSOLE_TEMPLATES, extname: '.liquid', outputEscape: 'escape', strictFilters: true, ownPropertyOnly: true, cache: true });
    this.engine.registerFilter('ago', (iso: unknown) => ago(iso, Date.now()));
    // One segment of a link's path: Liquid's url_encode writes a space as "+", which a path does not read back.
    this.engine.registerFilter('uri_segment', (value: unknown) => encodeURIComponent(String(value ?? '')));
  }

  render(page: ConsolePage, frame: PageFrame, data: object = {}): Promise<string> {
    return this.engine.renderFile(page, { ...data, ...frame, problems: frame.problems ?? [], refreshSeconds: this.settings.CONSOLE_REFRESH_SECONDS }) as Promise<string>;
  }
}

/** "12 s ago", "3 min ago", "2 h ago", "4 d ago": how long since an ISO time; empty for none. */
export function ago(iso: unknown, now: number): string {
  if (typeof iso !== 'string' || iso === '') return '';
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const seconds = Math.round((now - at) / 1000);
  if (seconds < 0) return `in ${describeSpan(-seconds)}`;
  return `${describeSpan(seconds)} ago`;
}

function describeSpan(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 36 * 3600) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} d`;
}
