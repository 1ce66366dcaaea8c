import { DialectAdapter } from '../dialect-adapter';
import { FreshserviceReader } from './freshservice-reader';
import { FreshserviceOutbound } from './freshservice-outbound';
import { FRESHSERVICE_DIALECT } from './freshservice.dialect';

/** Freshservice: workflow webhooks and API tickets in (`freshservice.dialect.ts`), API writes out. */
export class FreshserviceAdapter extends DialectAdapter {
  readonly name = 'freshservice';
  readonly dialect = FRESHSERVICE_DIALECT;
  readonly outbound = new FreshserviceOutbound();
  readonly reader = new FreshserviceReader();
}
