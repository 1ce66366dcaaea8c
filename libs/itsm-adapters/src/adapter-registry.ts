import type { ItsmAdapter } from './itsm-adapter';
import { ServiceNowAdapter } from './servicenow/servicenow.adapter';

/** Every ITSM adapter of this build: adding an ITSM is one folder and one line here. */
const ADAPTERS: readonly ItsmAdapter[] = [new ServiceNowAdapter()];

export const ITSM_NAMES: readonly string[] = ADAPTERS.map((adapter) => adapter.name);

export function adapterFor(itsm: string): ItsmAdapter | undefined {
  return ADAPTERS.find((adapter) => adapter.name === itsm);
}
