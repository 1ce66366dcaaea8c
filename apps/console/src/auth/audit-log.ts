import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { CONSOLE_LOGGER } from '../console.tokens';

/** One thing an operator did, or tried, in the console. */
export interface AuditEntry {
  operator: string;
  /** The action's name, e.g. `pause`, `replay`, `sign-in`. */
  action: string;
  /** What it was done to: a client, a ticket, parked items. */
  target: Record<string, unknown>;
  /** `done`, `refused` or `failed`, and what the service answered. */
  outcome: 'done' | 'refused' | 'failed';
  detail?: string;
  address?: string;
}

/**
 * The console's audit log: one JSON line per action (`"audit":"console"`), written whatever LOG_LEVEL says, beside
 * the services' own audit lines, which name the same operator (the console passes it in `x-bridge-operator`).
 * Lines go where the logs go (stdout, collected by the cluster); nothing in them is a secret.
 */
@Injectable()
export class AuditLog {
  private readonly lines: Logger;

  constructor(@Inject(CONSOLE_LOGGER) logger: Logger) {
    this.lines = logger.child({ audit: 'console' }, { level: 'info' });
  }

  record(entry: AuditEntry): void {
    this.lines.info(entry, `console ${entry.action}: ${entry.outcome}`);
  }
}
