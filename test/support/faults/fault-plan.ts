import type { BridgeSystem } from './bridge-system';
import type { InfraFaults } from './infra-faults';

/** One fault of the run, injected once the workload is `at` (a share of its steps) done. */
export interface Fault {
  at: number;
  name: string;
  inject(system: BridgeSystem, infra: InfraFaults): Promise<void>;
}

const SERVICE_DOWN_MS = 1_500;
const WINDOW_MS = 15_000;

const kill = (...replicas: string[]) => async (system: BridgeSystem) => {
  await Promise.all(replicas.map((name) => system.fleet.killAndRestart(name, SERVICE_DOWN_MS)));
};

/** Tangoe answers a share of the bridge's calls with 5xx, 429, or stores the call and drops the connection. */
const tangoeMisbehaves = async (system: BridgeSystem) => {
  system.sandbox.tangoe.faults.set({ errorRate: 0.15, rateLimitRate: 0.1, commitThenDropRate: 0.1 });
  await sleep(WINDOW_MS);
  system.sandbox.tangoe.faults.set({});
};

/** Every client's ServiceNow answers every call 503 (with Retry-After) for a while, a storm the deliveries must ride out. */
const itsmStorm = async (system: BridgeSystem) => {
  for (const instance of system.sandbox.servicenow.byName.values()) instance.failures = { status: 503, remaining: Number.MAX_SAFE_INTEGER };
  await sleep(WINDOW_MS);
  for (const instance of system.sandbox.servicenow.byName.values()) instance.failures = undefined;
};

/** Every client's ServiceNow takes 2.5 s per answer for a while. */
const itsmSlow = async (system: BridgeSystem) => {
  for (const instance of system.sandbox.servicenow.byName.values()) instance.latencyMs = 2_500;
  await sleep(WINDOW_MS);
  for (const instance of system.sandbox.servicenow.byName.values()) instance.latencyMs = 0;
};

/**
 * Every fault after 20% of the work, each service SIGKILLed at least three times (the gateway's and the notifier's
 * replicas in turn, and both at once), the broker killed once, PostgreSQL restarted once, Tangoe and the ITSM
 * misbehaving in between.
 */
export const FAULT_PLAN: Fault[] = [
  { at: 0.2, name: 'SIGKILL gateway-1', inject: kill('gateway-1') },
  { at: 0.24, name: 'SIGKILL notifier-1', inject: kill('notifier-1') },
  { at: 0.28, name: 'SIGKILL ingress', inject: kill('ingress') },
  { at: 0.32, name: 'Tangoe 5xx, 429 and commit-then-drop', inject: tangoeMisbehaves },
  { at: 0.36, name: 'SIGKILL the Kafka broker, restart', inject: (_system, infra) => infra.killKafka(3_000) },
  { at: 0.42, name: 'SIGKILL gateway-2', inject: kill('gateway-2') },
  { at: 0.46, name: 'SIGKILL notifier-2', inject: kill('notifier-2') },
  { at: 0.5, name: 'restart PostgreSQL', inject: (_system, infra) => infra.restartPostgres(2_000) },
  { at: 0.54, name: 'SIGKILL ingress', inject: kill('ingress') },
  { at: 0.58, name: 'ServiceNow 503 storm', inject: itsmStorm },
  { at: 0.62, name: 'SIGKILL gateway-1 and notifier-1 at once', inject: kill('gateway-1', 'notifier-1') },
  { at: 0.66, name: 'ServiceNow slow answers', inject: itsmSlow },
  { at: 0.7, name: 'SIGKILL ingress', inject: kill('ingress') },
  { at: 0.74, name: 'SIGKILL gateway-2 and notifier-2 at once', inject: kill('gateway-2', 'notifier-2') },
  { at: 0.78, name: 'Tangoe 5xx, 429 and commit-then-drop', inject: tangoeMisbehaves },
  { at: 0.82, name: 'SIGKILL every service at once', inject: kill('ingress', 'gateway-1', 'gateway-2', 'notifier-1', 'notifier-2') },
];

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
