import type { ClientConfig } from '@bridge/clients-config';
import { clientStateOf, clientStatesFor } from './client-states';
import type { ItsmDialect } from './dialect';
import { normalizeReading, normalizeWith } from './inbound-pipeline';
import type { ItsmAdapter, NormalizeContext, NormalizeResult, ReadStatus } from './itsm-adapter';
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

  isOpenRead(read: RecordRead, client: ClientConfig): boolean {
    return this.statusOfRead(read, client).endedAs === undefined;
  }

  statusOfRead(read: RecordRead, client: ClientConfig): ReadStatus {
    const { record, status } = this.dialect.readApi(read.record, read.comments);
    const endedAs = clientStateOf(clientStatesFor(client, this.dialect, record.recordType), status?.value);
    return { value: status?.value, changeId: status?.changeId, ...(endedAs ? { endedAs } : {}) };
  }
}
