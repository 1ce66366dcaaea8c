import { activeTraceId } from '@bridge/tracing';
import pino, { Logger } from 'pino';

/**
 * Structured JSON logs. Anything that looks like a credential is censored by path before it is written, so a
 * secret that slips into a log call still never reaches the output.
 */
export const REDACTED_PATHS = [
  'password',
  'secret',
  'token',
  'apiToken',
  'authorization',
  'databaseUrl',
  '*.password',
  '*.secret',
  '*.token',
  '*.apiToken',
  '*.authorization',
  '*.headers.authorization',
  '*.headers["api-token"]',
  '*.databaseUrl',
];

/** Logs go to stdout (what Kubernetes collects), or to the file LOG_FILE names (tests read it back). */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info', destination?: pino.DestinationStream): Logger {
  destination ??= process.env.LOG_FILE ? pino.destination({ dest: process.env.LOG_FILE, sync: true, append: true }) : undefined;
  return pino(
    {
      name: service,
      level,
      base: { service },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // A line written inside a traced piece of work names its trace, so logs and traces meet.
      mixin: () => {
        const traceId = activeTraceId();
        return traceId ? { traceId } : {};
      },
    },
    destination,
  );
}
