import { writeFileSync } from 'node:fs';
import path from 'node:path';
import axios from 'axios';
import { ticketKey } from '@bridge/contracts';
import { commitUnderTest } from '@bridge/test-infra';
import { BridgeSystem, FAULT_CLIENTS, startBridgeSystem } from '../../support/faults/bridge-system';
import { auditEffects } from '../../support/faults/effect-audit';
import { FAULT_PLAN } from '../../support/faults/fault-plan';
import { InfraFaults } from '../../support/faults/infra-faults';
import { ProgressGate } from '../../support/faults/progress-gate';
import { ACTIVITY_STEPS, TICKET_STEPS, WorkloadDriver, planWorkload } from '../../support/faults/workload';

/**
 * The proof (DESIGN.md §4) for the whole system at once: a known input driven through real Kafka, PostgreSQL and
 * every service as its own process while they are killed, then the sandboxes' records compared with the input,
 * exactly. `FAULT_TICKETS` sets the size: small in the normal test command, 10,000 in `npm run test:faults`.
 */
const TICKETS = Number(process.env.FAULT_TICKETS ?? 48);
const CONCURRENCY = Number(process.env.FAULT_CONCURRENCY ?? Math.min(200, TICKETS));
/** How long one step may wait for its effect under faults before the ticket is reported as stuck. */
const WAIT_MS = Number(process.env.FAULT_WAIT_MS ?? 300_000);
const CLIENTS = Object.keys(FAULT_CLIENTS);
/** Tangoe's limit, the clients file's default `tangoe.getsPerMinute`. */
const GETS_PER_MINUTE = 100;

jest.setTimeout(30 * 60_000 + TICKETS * 400);

describe(`the whole system under faults (${TICKETS} tickets)`, () => {
  let system: BridgeSystem;
  const infra = new InfraFaults(process.env.KAFKA_BROKERS ?? '', process.env.DATABASE_URL ?? '');

  beforeAll(async () => {
    await infra.assertControllable();
    system = await startBridgeSystem(FAULT_CLIENTS);
  });
  afterAll(() => system?.close());

  it('ends with every effect present exactly once, in order, nothing extra, nothing parked, the GET budget kept', async () => {
    const started = Date.now();
    const plan = planWorkload(TICKETS, CLIENTS, { acme: 'update', globex: 'mirror' });
    const gate = new ProgressGate(plan.tickets.length * TICKET_STEPS + plan.activities.length * ACTIVITY_STEPS, FAULT_PLAN.map((fault) => fault.at), Math.ceil(CONCURRENCY / 2));
    const driver = new WorkloadDriver(system.sandbox, system.desks, gate, WAIT_MS);

    const injected: Array<{ name: string; atProgress: number; atSeconds: number; tookSeconds: number }> = [];
    const faults = (async () => {
      for (const [k, fault] of FAULT_PLAN.entries()) {
        await gate.reached(k);
        const at = Date.now();
        const injection = fault.inject(system, infra);
        gate.fire();
        await injection;
        injected.push({ name: fault.name, atProgress: round(gate.progress), atSeconds: round((at - started) / 1000), tookSeconds: round((Date.now() - at) / 1000) });
        process.stderr.write(`[faults] ${fault.name} at ${Math.round(gate.progress * 100)}% (${injected.at(-1)!.tookSeconds} s)\n`);
      }
    })();
    const outcome = await driver.run(plan.tickets, plan.activities, CONCURRENCY);
    await faults;
    const drainedAfter = await quiet(system);

    const parked = await parkedEverywhere(system);
    const { differences, counts } = auditEffects(system.sandbox, system.desks, outcome.tickets, outcome.activities, GETS_PER_MINUTE);
    differences.push(...parked, ...system.fleet.crashes.map((crash) => ({ subject: 'services', problem: crash })));
    const kills = Object.fromEntries(['ingress', 'tangoe-gateway', 'outbound-notifier'].map((app) => [app, system.fleet.replicas.filter((r) => r.app === app).reduce((sum, r) => sum + r.kills, 0)]));
    const summary = { commit: commitUnderTest(), tickets: TICKETS, activities: plan.activities.length, clients: FAULT_CLIENTS, counts, kills, faults: injected, differences: differences.length, drainedAfterSeconds: drainedAfter, durationSeconds: round((Date.now() - started) / 1000), logs: system.logDir };
    writeFileSync(process.env.FAULT_REPORT ?? path.join(system.logDir, 'summary.json'), `${JSON.stringify({ ...summary, date: new Date().toISOString(), firstDifferences: differences.slice(0, 200) }, null, 2)}\n`);
    process.stderr.write(`[faults] ${JSON.stringify(summary)}\n`);
    for (const difference of differences.slice(0, 100)) process.stderr.write(`[faults] ${difference.subject}: ${difference.problem}\n`);

    expect(differences).toEqual([]);
    expect(injected.map((fault) => fault.name)).toEqual(FAULT_PLAN.map((fault) => fault.name));
    expect(injected.every((fault) => fault.atProgress >= 0.2)).toBe(true);
    for (const app of Object.keys(kills)) expect({ app, kills: kills[app] >= 3 }).toEqual({ app, kills: true });
  });
});

/**
 * Waits until every ITSM's webhooks are all answered and nothing has been written to either sandbox for 5 s: late
 * duplicates would show now. The gateways' polls go on reading Tangoe and reconciliation the ITSMs, so only writes count.
 */
async function quiet(system: BridgeSystem): Promise<number> {
  const started = Date.now();
  const desks = [...system.desks.values()];
  const signature = () => {
    const tangoeWrites = system.sandbox.tangoe.requests.filter((request) => request.method !== 'GET').length;
    // Reconciliation reads the ITSMs on and on: only writes count there too.
    const itsmWrites = desks.reduce((sum, desk) => sum + desk.writes(), 0);
    return `${tangoeWrites}/${itsmWrites}/${desks.reduce((sum, desk) => sum + desk.pendingWebhooks(), 0)}`;
  };
  let last = signature();
  let stableSince = Date.now();
  while (Date.now() - started < 300_000) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = signature();
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= 5_000 && now.endsWith('/0')) break;
  }
  return round((Date.now() - started) / 1000);
}

/** Nothing may be left parked at the gateways or the notifiers: every fault of the run was one to ride out. */
async function parkedEverywhere(system: BridgeSystem): Promise<Array<{ subject: string; problem: string }>> {
  const admin = { headers: { authorization: `Bearer ${system.adminToken}` } };
  const gateway = (await axios.get(`${system.fleet.url('gateway-1')}/admin/tickets/parked`, admin)).data as Array<{ clientId: string; externalSourceId: string; error: string }>;
  const notifier = (await axios.get(`${system.fleet.url('notifier-1')}/admin/deliveries/parked`, admin)).data as Array<{ clientId: string; externalSourceId: string; kind: string; error: string }>;
  return [
    ...gateway.map((ticket) => ({ subject: ticketKey(ticket.clientId, ticket.externalSourceId), problem: `parked at the gateway: ${ticket.error}` })),
    ...notifier.map((delivery) => ({ subject: ticketKey(delivery.clientId, delivery.externalSourceId), problem: `${delivery.kind} parked at the notifier: ${delivery.error}` })),
  ];
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
