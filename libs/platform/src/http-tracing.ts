import type { NextFunction, Request, Response } from 'express';
import { context, trace } from '@opentelemetry/api';
import { SpanKind, contextOf } from '@bridge/tracing';

const TRACER = 'tangoe-itsm-bridge';

/**
 * A server span per HTTP request, continuing the caller's W3C trace context when it sends one. The route template
 * (not the path, which holds client ids) names it once the router has matched. Health and metrics scrapes are left
 * out: they are not work anyone traces.
 */
export function httpTracing(service: string) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.path.startsWith('/health') || request.path === '/metrics') return next();
    const parent = contextOf(request.headers);
    const span = trace.getTracer(TRACER).startSpan(`${request.method}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'bridge.service': service } }, parent);
    response.on('finish', () => {
      const route = (request.route as { path?: string } | undefined)?.path;
      if (route) {
        span.updateName(`${request.method} ${route}`);
        span.setAttribute('http.route', route);
      }
      span.setAttribute('http.response.status_code', response.statusCode);
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}
