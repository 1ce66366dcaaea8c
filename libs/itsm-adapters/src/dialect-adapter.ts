import type { ItsmDialect } from './dialect';
import { normalizeWith } from './inbound-pipeline';
import type { ItsmAdapter, NormalizeContext, NormalizeResult } from './itsm-adapter';
import type { OutboundAdapter } from './outbound/outbound-adapter';

/** An ITSM adapter made of its dialect and its outbound side: every ITSM normalizes through the one pipeline. */
export abstract class DialectAdapter implements ItsmAdapter {
  abstract readonly name: string;
  abstract readonly dialect: ItsmDialect;
  abstract readonly outbound: OutboundAdapter;

  normalize(payload: unknown, context: NormalizeContext): NormalizeResult {
    return normalizeWith(this.name, this.dialect, payload, context);
  }
}
