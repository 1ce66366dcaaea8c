import { activeTraceId } from '@bridge/tracing';
import pino, { Logger } from 'pino';
import type { ServiceSettings } from './service-settings';

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

/** A service's logger: at LOG_LEVEL, to stdout (what Kubernetes collects) or to the file LOG_FILE names (tests read it back). */
export function serviceLogger(service: string, settings: Pick<ServiceSettings, 'LOG_LEVEL' | 'LOG_FILE'>): Logger {
  return createLogger(service, settings.LOG_LEVEL, settings.LOG_FILE ? pino.destination({ dest: settings.LOG_FILE, sync: true, append: true }) : undefined);
}

/** Lines at `level` and above, to `destination` (stdout when none). */
export function createLogger(service: string, level: string, destination?: pino.DestinationStream): Logger {
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
