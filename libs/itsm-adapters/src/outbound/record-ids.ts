import { ItsmAdapterError } from '../itsm-adapter.error';
import type { OutboundAdapter, RenderedUpdate } from './outbound-adapter';

/**
 * What a record's number looks like at one ITSM. A number reaches a search (ServiceNow's `sysparm_query`, an AR
 * System qualification) or a URL path, and comes from outside: the ticket's external source id, an activity's
 * `remote_activity_id` typed at Tangoe. Only a value that matches is ever placed in a request: `INC1^ORnumber!=`
 * would otherwise select, and then patch, another record.
 */
export interface RecordIdRules {
  /** The ITSM's record numbers, as a full-string pattern. */
  number: RegExp;
  /** Shown in the error: what a number should look like. */
  example: string;
}

/** The id the bridge gives a mirrored activity's record (`tangoe-activity-880001`), from Tangoe's activity id. */
export const CORRELATION_ID = /^tangoe-activity-[A-Za-z0-9_-]{1,64}$/;

/** A record id that is no id of that ITSM: never sent, so the delivery parks with this message. */
export class InvalidRecordId extends ItsmAdapterError<'invalid_record_id'> {
  constructor(message: string) {
    super('invalid_record_id', message, { retriable: false });
  }
}

/** The value, when it is a record number (or, `lookupField` set, a mirror's correlation id) of this ITSM. */
export function checkedRecordId(value: string, rules: RecordIdRules, lookupField?: string): string {
  const pattern = lookupField ? CORRELATION_ID : rules.number;
  if (pattern.test(value)) return value;
  const what = lookupField ? `${lookupField} like tangoe-activity-880001` : `record number like ${rules.example}`;
  throw new InvalidRecordId(`${JSON.stringify(value.slice(0, 80))} is not a ${what}: nothing was sent`);
}

/**
 * The update, when the record it names is one of its ITSM's: checked when it is rendered (a delivery parks before
 * any request) and again before each send (a delivery rendered before this check, or replayed).
 */
export function checkedUpdate<Update extends RenderedUpdate>(update: Update, adapter: OutboundAdapter): Update {
  if (adapter.recordIds) checkedRecordId(update.recordNumber, adapter.recordIds, update.lookupField);
  return update;
}
