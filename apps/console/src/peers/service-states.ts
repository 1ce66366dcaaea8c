import type { BridgeServices } from './bridge-services';
import type { ServiceName } from './service-admin-api';

/** How a service stands, as the clients page shows it above the clients. */
export interface ServiceState {
  service: ServiceName;
  ready: boolean;
  problem?: string;
  /** Events published and not yet handled by the service's consumers, every group and topic together; none for the ingress, which consumes nothing. */
  consumerLag: number | null;
}

const CONSUMERS: readonly ServiceName[] = ['gateway', 'notifier'];

/**
 * Each service's readiness, and how far behind its consumers are: the sum of its `bridge_consumer_lag` gauge, read
 * from its `/metrics` on the admin port, as Prometheus reads it.
 */
export async function readServiceStates(services: BridgeServices): Promise<ServiceState[]> {
  return Promise.all(
    (['ingress', 'gateway', 'notifier'] as const).map(async (service): Promise<ServiceState> => {
      const [ready, metrics] = await Promise.all([services.read<unknown>(service, '/health/ready'), CONSUMERS.includes(service) ? services.read<string>(service, '/metrics') : undefined]);
      return {
        service,
        ready: ready.ok,
        problem: ready.ok ? undefined : ready.problem,
        consumerLag: metrics?.ok ? consumerLagOf(metrics.data) : null,
      };
    }),
  );
}

/** The sum of the `bridge_consumer_lag` samples in a Prometheus text exposition; null when there is none. */
export function consumerLagOf(exposition: unknown): number | null {
  if (typeof exposition !== 'string') return null;
  const samples = exposition.split('\n').filter((line) => line.startsWith('bridge_consumer_lag{') || line.startsWith('bridge_consumer_lag '));
  if (samples.length === 0) return null;
  return samples.reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}
