import { BridgeError } from '@bridge/errors';

/** Every way an ITSM, or what it sends, can fail the bridge. */
export type ItsmAdapterErrorCode =
  /** A webhook payload or API record the adapter cannot read (`InboundPayloadError`). */
  | 'invalid_payload'
  /** A webhook body that is neither one of the dialect's documented bodies nor JSON. */
  | 'malformed_json'
  /** An ITSM API answer a reader cannot use (`ReadFailed`). */
  | 'itsm_read_failed'
  /** An answer that cannot say whether an earlier attempt reached the ITSM (`UndecidedCheck`). */
  | 'undecided_check'
  /** The client's token endpoint or login refused the bridge's credentials, or did not answer. */
  | 'itsm_login_failed'
  /** An update names a record by an id that is not one of its ITSM's (`InvalidRecordId`): never placed in a query. */
  | 'invalid_record_id';

/**
 * The ITSM adapters' errors. A failure that carries data of its own has its subclass (the payload's fields, the
 * answer's status); callers that need that data narrow by class, the rest read the code.
 */
export class ItsmAdapterError<Code extends ItsmAdapterErrorCode = ItsmAdapterErrorCode> extends BridgeError<Code> {
  constructor(code: Code, message: string, options: { retriable: boolean; cause?: unknown }) {
    super(code, message, options);
  }
}
