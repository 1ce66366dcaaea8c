import { DialectAdapter } from '../dialect-adapter';
import { BmcHelixReader } from './bmc-helix-reader';
import { BmcHelixOutbound } from './bmc-helix-outbound';
import { BMC_HELIX_DIALECT } from './bmc-helix.dialect';

/** BMC Helix ITSM: webhooks and AR REST entries in (`bmc-helix.dialect.ts`), AR REST writes out. */
export class BmcHelixAdapter extends DialectAdapter {
  readonly name = 'bmc-helix';
  readonly dialect = BMC_HELIX_DIALECT;
  readonly outbound = new BmcHelixOutbound();
  readonly reader = new BmcHelixReader();
}
