import type { ParkedItem } from '@bridge/platform';
import type { BridgeServices, Reading } from '../peers/bridge-services';
import { Holder } from './waiting-list';

/** What is parked at the gateway and at the notifier (`GET /admin/parked`), asked at once. */
export async function readWaitingLists(services: BridgeServices): Promise<Record<Holder, Reading<ParkedItem[]>>> {
  const [gateway, notifier] = await Promise.all([services.read<ParkedItem[]>('gateway', '/admin/parked'), services.read<ParkedItem[]>('notifier', '/admin/parked')]);
  return { gateway, notifier };
}
