import { Context, ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import type { Attributes } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, ReadableSpan, SimpleSpanProcessor, Span, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-node';

import { withSafeUrls } from './safe-url';

const TRACER = 'tangoe-itsm-bridge';

/** Span processors added after start (a test's in-memory exporter): the provider takes its processors only once. */
class AddableSpanProcessors implements SpanProcessor {
  readonly processors: SpanProcessor[] = [];
  onStart(span: Span, parent: Context): void {
    for (const processor of this.processors) processor.onStart(span, parent);
  }
  onEnd(span: ReadableSpan): void {
    for (const processor of this.processors) processor.onEnd(span);
  }
  async forceFlush(): Promise<void> {
    await Promise.all(this.processors.map((processor) => processor.forceFlush()));
  }
  async shutdown(): Promise<void> {
    await Promise.all(this.processors.map((processor) => processor.shutdown()));
  }
}

let started: { provider: NodeTracerProvider; processors: AddableSpanProcessors } | undefined;

/** What tracing takes from a service's settings. */
export interface TracingOptions {
  /** Whether spans leave the process: an OTLP endpoint is configured (the exporter reads it, and the other OTEL_* variables, itself). */
  exportSpans: boolean;
  /** The `service.name` of the spans; the service's own name when absent. */
  serviceName?: string;
}

/**
 * Starts OpenTelemetry tracing for this process, once (the standalone run and the tests hold several services in
 * one process; the first to start names it). Spans are always made, so the W3C trace context travels in HTTP and
 * Kafka headers from the first webhook on; they are exported over OTLP/HTTP when `exportSpans`, and nowhere otherwise.
 */
export function startTracing(service: string, options: TracingOptions): void {
  if (started) return;
  const processors = new AddableSpanProcessors();
  if (options.exportSpans) processors.processors.push(new BatchSpanProcessor(new OTLPTraceExporter()));
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName ?? service, 'service.namespace': 'tangoe-itsm-bridge' }),
    spanProcessors: [processors],
  });
  provider.register();
  started = { provider, processors };
}

/** Sends every span ended from now on to this exporter too, synchronously (tests read them at once). */
export function addSpanExporter(exporter: SpanExporter): void {
  if (!started) throw new Error('startTracing must run before a span exporter is added');
  started.processors.processors.push(new SimpleSpanProcessor(exporter));
}

export async function stopTracing(): Promise<void> {
  await started?.provider.shutdown();
  started = undefined;
}

/** The active trace context as W3C headers (`traceparent`, `tracestate`), for a Kafka record or an HTTP call. */
export function traceHeaders(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** The trace id of the W3C `traceparent` in `headers` (version-traceid-spanid-flags), or null when there is none. */
export function traceIdOf(headers: Readonly<Record<string, unknown>> | null | undefined): string | null {
  const traceparent = headers?.traceparent;
  return typeof traceparent === 'string' ? (/^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(traceparent)?.[1] ?? null) : null;
}

/** The trace context a Kafka record or an HTTP request carries, or none. */
export function contextOf(headers: Readonly<Record<string, string | string[] | undefined>>): Context {
  return propagation.extract(ROOT_CONTEXT, headers);
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** The context to continue (extracted from headers); the active one when absent. */
  parent?: Context;
}

/**
 * Runs work in a new active span, which records the error when it throws. URLs in its attributes and in the
 * error it records lose their credentials first (`safeUrl`): a span leaves the process.
 */
export function inSpan<T>(name: string, options: SpanOptions, work: () => Promise<T>): Promise<T> {
  return trace.getTracer(TRACER).startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: safeAttributes(options.attributes) }, options.parent ?? context.active(), async (span) => {
    try {
      return await work();
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      const message = withSafeUrls(failure.message);
      span.recordException({ name: failure.name, message, stack: failure.stack && withSafeUrls(failure.stack) });
      span.setStatus({ code: SpanStatusCode.ERROR, message });
      throw error;
    } finally {
      span.end();
    }
  });
}

function safeAttributes(attributes: Attributes | undefined): Attributes | undefined {
  if (!attributes) return attributes;
  // Copied only when a value needed cleaning: a span is started for every record consumed.
  let safe: Attributes | undefined;
  for (const [key, value] of Object.entries(attributes)) {
    if (typeof value !== 'string') continue;
    const cleaned = withSafeUrls(value);
    if (cleaned !== value) (safe ??= { ...attributes })[key] = cleaned;
  }
  return safe ?? attributes;
}

/** The trace id of the active span, for log lines; undefined outside any trace. */
export function activeTraceId(): string | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext && trace.isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}

export { SpanKind } from '@opentelemetry/api';
