import { NamedStandIns } from '../named-stand-ins';
import { InstanceOptions, ServiceNowInstance } from './servicenow-instance';

export const SERVICENOW_SANDBOX = Symbol('ServiceNowSandbox');

/** The ServiceNow instances the sandbox plays, by name (one per client company). */
export class ServiceNowSandbox extends NamedStandIns<InstanceOptions, ServiceNowInstance> {
  constructor(instances: InstanceOptions[] = []) {
    super('ServiceNow instance', (options) => new ServiceNowInstance(options));
    for (const options of instances) this.add(options);
  }
}
