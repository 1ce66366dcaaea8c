import type { WorkLineRepository, WorkRow } from './work-line.repository';

/** What the metric needs of a service's metrics: a gauge read when Prometheus scrapes. */
export interface GaugeRegistry {
  gauge(name: string, help: string, labelNames: string[], read: () => Promise<Array<{ labels: Record<string, string>; value: number }>>): void;
}

const STATUSES = ['pending', 'parked'] as const;

/**
 * The one metric of every work line: `bridge_work_items{line, client, status}`, the items pending and parked. Every
 * client of `clients()` has both series, at 0 when it has none, so an alert on parked items sees a client go from 0.
 */
export function registerWorkLineMetric(metrics: GaugeRegistry, line: string, repository: Pick<WorkLineRepository<WorkRow>, 'countsByClient'>, clients: () => readonly string[]): void {
  metrics.gauge('bridge_work_items', 'Items in a work line, per line, client and status (pending, parked).', ['line', 'client', 'status'], async () => {
    const counted = await repository.countsByClient();
    const ids = new Set([...clients(), ...counted.keys()]);
    return [...ids].flatMap((client) => STATUSES.map((status) => ({ labels: { line, client, status }, value: counted.get(client)?.[status] ?? 0 })));
  });
}
