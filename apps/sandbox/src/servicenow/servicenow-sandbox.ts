import { InstanceOptions, ServiceNowInstance } from './servicenow-instance';

export const SERVICENOW_SANDBOX = Symbol('ServiceNowSandbox');

/** The ServiceNow instances the sandbox plays, by name (one per client company). */
export class ServiceNowSandbox {
  readonly instances = new Map<string, ServiceNowInstance>();

  constructor(instances: InstanceOptions[] = []) {
    for (const options of instances) this.add(options);
  }

  add(options: InstanceOptions): ServiceNowInstance {
    const instance = new ServiceNowInstance(options);
    this.instances.set(options.name, instance);
    return instance;
  }

  instance(name: string): ServiceNowInstance {
    const instance = this.instances.get(name);
    if (!instance) throw new Error(`no sandbox ServiceNow instance "${name}"`);
    return instance;
  }
}
