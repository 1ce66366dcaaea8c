import { activeTraceId } from '@bridge/tracing';
import pino, { Logger } from 'pino';
import type { ServiceSettings } from './service-settings';
import { redactForLog, redactText } from './log-redaction';

/**
 * Structured JSON logs. Anything that looks like a credential is censored before it is written, at any depth and
 * in any case (`redactForLog`), so a secret that slips into a log call still never reaches the output.
 */
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
      // The whole object is censored before pino's serializers run; errors are serialized there already.
      formatters: { log: (object) => redactForLog(object) as Record<string, unknown> },
      serializers: { err: (value: unknown) => (value instanceof Error ? redactForLog(value) : value) },
      hooks: { logMethod: redactMessages },
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

/** A log line's message, and text after it, censored like its fields: `logger.error(\`failed: ${url}\`)`. */
function redactMessages(this: Logger, args: Parameters<pino.LogFn>, method: pino.LogFn): void {
  method.apply(this, args.map((arg) => (typeof arg === 'string' ? redactText(arg) : arg)) as Parameters<pino.LogFn>);
}
