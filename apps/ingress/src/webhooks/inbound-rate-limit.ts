import { Inject, Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { ClientConfig } from '@bridge/clients-config';
import { METRICS, Metrics, SETTINGS, ServiceSettings } from '@bridge/platform';

/**
 * How many of a client's webhooks this ingress replica takes in a second: `inbound.requestsPerSecond` in the clients
 * file, INBOUND_REQUESTS_PER_SECOND by default. One client's flood (a runaway business rule, a leaked secret) is
 * answered 429 with `Retry-After`, cheaply, before it reads the ITSM or publishes, so its neighbours' webhooks go on
 * as before. Only authenticated requests count: a stranger cannot spend a client's allowance.
 */
@Injectable()
export class InboundRateLimit {
  /** One limiter per allowance in use (clients share one when their allowance is the same), each keyed by client. */
  private readonly limiters = new Map<number, RateLimiterMemory>();
  private readonly refused: Counter<'client'>;

  constructor(
    @Inject(SETTINGS) private readonly settings: ServiceSettings,
    @Inject(METRICS) metrics: Metrics,
  ) {
    this.refused = new Counter({ name: 'bridge_inbound_rate_limited_total', help: "Webhooks answered 429: the client sent more in a second than its allowance.", labelNames: ['client'], registers: [metrics.registry] });
  }

  /** Undefined when the webhook is taken; else the seconds to wait before the next one is. */
  async retryAfterSeconds(client: ClientConfig): Promise<number | undefined> {
    const perSecond = client.inbound.requestsPerSecond ?? this.settings.INBOUND_REQUESTS_PER_SECOND;
    try {
      await this.limiterFor(perSecond).consume(client.id);
      return undefined;
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      this.refused.inc({ client: client.id });
      return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
    }
  }

  private limiterFor(perSecond: number): RateLimiterMemory {
    let limiter = this.limiters.get(perSecond);
    if (!limiter) this.limiters.set(perSecond, (limiter = new RateLimiterMemory({ points: perSecond, duration: 1 })));
    return limiter;
  }
}
