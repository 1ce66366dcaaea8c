import { HttpException, HttpStatus } from '@nestjs/common';
import { NamedStandIns, VendorGate, basicAccount } from '../stand-in-kit';
import { InstanceOptions, RecordedCall, ServiceNowInstance, TABLES } from './servicenow-instance';

export const SERVICENOW_SANDBOX = Symbol('ServiceNowSandbox');

/** Journal entries are read from `sys_journal_field`, which the sandbox lets in as it does incidents. */
export const JOURNAL_TABLE = 'sys_journal_field';

/** ServiceNow's answers in its own words: `{ error: { message, detail }, status: "failure" }`. */
export function tableApiError(status: number, message: string, detail?: string): HttpException {
  return new HttpException({ error: { message, ...(detail === undefined ? {} : { detail }) }, status: 'failure' }, status);
}

/** How the Table API takes a call: Basic auth per instance, the tables it knows, calls recorded with their table. */
const TABLE_API: VendorGate<ServiceNowInstance, string, RecordedCall> = {
  authenticate: (instance, authorization) => basicAccount(authorization, [{ username: instance.options.username, password: instance.options.password }, ...(instance.options.users ?? [])], (account) => ({ user: account.username, password: account.password }))?.username,
  record: (request, user, status) => ({ at: Date.now(), method: request.method, table: request.resource, user, status, body: request.body as Record<string, unknown> | undefined }),
  noSuchStandIn: (name) => tableApiError(HttpStatus.NOT_FOUND, `no instance ${name}`),
  unauthenticated: () => tableApiError(HttpStatus.UNAUTHORIZED, 'User Not Authenticated', 'Required to provide Auth information'),
  refuseUnrecorded({ resource }) {
    const table = resource === JOURNAL_TABLE ? 'incident' : resource;
    return (TABLES as readonly string[]).includes(table) ? undefined : tableApiError(HttpStatus.BAD_REQUEST, `Invalid table ${resource}`);
  },
  failure(status, response) {
    if (status === 429 || status === 503) response?.setHeader('Retry-After', '1');
    return tableApiError(status, 'sandbox failure on demand');
  },
};

/** The ServiceNow instances the sandbox plays, by name (one per client company). */
export class ServiceNowSandbox extends NamedStandIns<InstanceOptions, ServiceNowInstance, string, RecordedCall> {
  constructor(instances: InstanceOptions[] = []) {
    super('ServiceNow instance', (options) => new ServiceNowInstance(options), TABLE_API);
    for (const options of instances) this.add(options);
  }
}
