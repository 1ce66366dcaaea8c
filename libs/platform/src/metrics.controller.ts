import { Controller, Get, Header, Inject } from '@nestjs/common';
import { Metrics } from './metrics';
import { METRICS } from './tokens';

/** `GET /metrics` for Prometheus. Unauthenticated like every scrape target: it holds counts, never payloads. */
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS) private readonly metrics: Metrics) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
