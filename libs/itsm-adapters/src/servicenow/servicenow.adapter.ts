import { DialectAdapter } from '../dialect-adapter';
import { ServiceNowOutbound } from './servicenow-outbound';
import { ServiceNowReader } from './servicenow-reader';
import { SERVICENOW_DIALECT } from './servicenow.dialect';

/** ServiceNow: the business rule's webhooks and Table API records in (`servicenow.dialect.ts`), Table API writes out. */
export class ServiceNowAdapter extends DialectAdapter {
  readonly name = 'servicenow';
  readonly dialect = SERVICENOW_DIALECT;
  readonly outbound = new ServiceNowOutbound();
  readonly reader = new ServiceNowReader();
}
