import type { GatewayClientStatus, NotifierClientStatus, ReconciliationStatus } from '@bridge/contracts';
import { BridgeServices, problemsOf } from '../peers/bridge-services';
import { ClientOverview, ClientReadings, clientOverviews } from './client-overview';

/** What the three services say of every client, asked at once. */
export async function readClients(services: BridgeServices): Promise<ClientReadings> {
  const [gateway, notifier, reconciliation] = await Promise.all([
    services.read<GatewayClientStatus[]>('gateway', '/admin/client-status'),
    services.read<NotifierClientStatus[]>('notifier', '/admin/client-status'),
    services.read<ReconciliationStatus[]>('ingress', '/admin/reconciliation'),
  ]);
  return { gateway, notifier, reconciliation };
}

/** One client's overview; undefined when no service knows it. */
export async function readClient(services: BridgeServices, clientId: string): Promise<{ overview?: ClientOverview; problems: string[] }> {
  const readings = await readClients(services);
  return { overview: clientOverviews(readings).find((overview) => overview.clientId === clientId), problems: problemsOf(Object.values(readings)) };
}
