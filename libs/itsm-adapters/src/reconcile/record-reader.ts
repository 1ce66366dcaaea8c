import type { ClientConfig } from '@bridge/clients-config';
import { ItsmAdapterError } from '../itsm-adapter.error';

/** An answer of the ITSM's API, as a reader needs it. */
export interface ReadAnswer {
  status: number;
  data: unknown;
  headers: Record<string, unknown>;
}

/**
 * GETs on the client's ITSM, relative to its `outbound.baseUrl`, with its credentials. The caller keeps the client's
 * request budget and waits out a 429 before a reader sees an answer: a reader only reads.
 */
export type ReadHttp = (path: string, params?: Record<string, string | number>) => Promise<ReadAnswer>;

/** A record as the vendor's API returns it, with its comments as the API returns those, oldest first. */
export interface RecordRead {
  record: unknown;
  comments: unknown[];
}

export interface ChangedPage {
  records: RecordRead[];
  /** Where the next page starts; none after the last. */
  cursor?: string;
  /** The newest change among this page's records, by the ITSM's clock: how far the walk has come. */
  newestChange?: Date;
}

/**
 * How reconciliation reads one ITSM through its own API: the records changed at or after a time, oldest change
 * first, a page at a time, each with its comments. Pages follow a keyset (the change time, then the record's id),
 * so a record changed while the walk goes on moves past the cursor and is read again, never skipped.
 */
export interface RecordReader {
  changedSince(http: ReadHttp, client: ClientConfig, since: Date, cursor: string | undefined, pageSize: number): Promise<ChangedPage>;
  /**
   * One record as it is now, with its comments: what a webhook rang the doorbell for. `record` is what the webhook
   * said of it (its key, its id, its type); undefined when the ITSM does not know it.
   */
  readOne(http: ReadHttp, client: ClientConfig, record: RecordRef): Promise<RecordRead | undefined>;
}

/** A record as a webhook names it. */
export interface RecordRef {
  key: string;
  /** The ITSM's own id: ServiceNow's sys_id, Jira's issue id; the key elsewhere. */
  id: string;
  recordType?: string;
}

/** An answer the reader cannot use: the run stops where it is and tries again at its next turn. */
export class ReadFailed extends ItsmAdapterError<'itsm_read_failed'> {
  constructor(
    readonly status: number,
    what: string,
    retriable = status === 429 || status >= 500 || status === 0,
  ) {
    super('itsm_read_failed', `${what}: the ITSM answered ${status || 'nothing'}`, { retriable });
  }
}

/** The answer's data when it is a 200, or a `ReadFailed` naming what was read. */
export function okData(answer: ReadAnswer, what: string): unknown {
  if (answer.status !== 200) throw new ReadFailed(answer.status, what);
  return answer.data;
}

/**
 * The answer's data when it is a 200, undefined when the ITSM does not know what was asked (404: a ticket deleted
 * since it was listed, whose history is gone with it); any other answer is a `ReadFailed`, as `okData` says.
 */
export function okDataUnlessGone(answer: ReadAnswer, what: string): unknown {
  return answer.status === 404 ? undefined : okData(answer, what);
}
