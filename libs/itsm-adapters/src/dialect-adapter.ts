import type { ItsmDialect } from './dialect';
import { normalizeReading, normalizeWith } from './inbound-pipeline';
import type { ItsmAdapter, NormalizeContext, NormalizeResult } from './itsm-adapter';
import type { OutboundAdapter } from './outbound/outbound-adapter';
import type { RecordRead, RecordReader } from './reconcile/record-reader';

/** An ITSM adapter made of its dialect and its outbound side: every ITSM normalizes through the one pipeline. */
export abstract class DialectAdapter implements ItsmAdapter {
  abstract readonly name: string;
  abstract readonly dialect: ItsmDialect;
  abstract readonly outbound: OutboundAdapter;
  abstract readonly reader: RecordReader;

  normalize(payload: unknown, context: NormalizeContext): NormalizeResult {
    return normalizeWith(this.name, this.dialect, payload, context);
  }

  normalizeRead(read: RecordRead, context: NormalizeContext): NormalizeResult {
    return normalizeReading(this.name, this.dialect, this.dialect.readApi(read.record, read.comments), context);
  }
}
