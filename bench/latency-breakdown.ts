import { startTestInfrastructure } from '@bridge/test-infra';
import { KafkaMessageBus } from '../libs/messaging/src/kafka/kafka-message-bus';
import { TangoeClient } from '../libs/tangoe-client/src/tangoe-client';
import { TicketLine } from '../apps/tangoe-gateway/src/tickets/ticket-line';
import { TicketFlowUseCase } from '../apps/tangoe-gateway/src/tickets/ticket-flow.use-case';
import { startBridge } from '../test/support/bridge-harness';
import { incidentInserted } from '../test/support/servicenow-payloads';
import { postTo, webhookToSupportRequest } from './ingress.bench';
import { loadClient, percentile } from './load';

/**
 * `npm run bench:breakdown [-- SECONDS]`: where the time from a webhook to its support request goes, step by step,
 * at 20 tickets a second (as `npm run bench` times it). A diagnostic, not a figure with a baseline: it wraps the
 * methods each step ends in (on their prototypes, in this process, where the harness runs the services) and prints
 * the median of each step over every ticket.
 */
const STEPS = [
  ['webhook sent', 'ingress publishes'],
  ['ingress publishes', 'published (acks=all)'],
  ['published (acks=all)', 'gateway appends'],
  ['gateway appends', 'appended'],
  ['appended', 'a lane works it'],
  ['a lane works it', 'create call'],
  ['create call', 'created at Tangoe'],
] as const;

type Step = (typeof STEPS)[number][number];
const marks = new Map<string, Partial<Record<Step, number>>>();

/** The first time `ticket` reached `step` (a retry, or a re-delivery, does not move it). */
function mark(ticket: string, step: Step): void {
  const reached = marks.get(ticket) ?? {};
  reached[step] ??= performance.now();
  marks.set(ticket, reached);
}

/** Marks `before` as the method is called and `after` as its promise settles, for the ticket `ticketOf` names. */
function timed(prototype: object, method: string, ticketOf: (args: unknown[]) => string | undefined, before: Step, after?: Step): void {
  const target = prototype as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const original = target[method];
  target[method] = async function (this: unknown, ...args: unknown[]) {
    const ticket = ticketOf(args);
    if (ticket) mark(ticket, before);
    try {
      return await original.apply(this, args);
    } finally {
      if (ticket && after) mark(ticket, after);
    }
  };
}

/** The ticket number of an opening's envelope (its subject is `ticket:<client>:<number>`). */
const openingOf = (event: unknown) => {
  const { type, subject } = (event ?? {}) as { type?: string; subject?: string };
  return type === 'TicketOpened' && subject ? subject.slice(subject.lastIndexOf(':') + 1) : undefined;
};

timed(KafkaMessageBus.prototype, 'publish', (args) => openingOf((args[1] as unknown[] | undefined)?.[0]), 'ingress publishes', 'published (acks=all)');
timed(TicketLine.prototype, 'append', (args) => openingOf(args[0]), 'gateway appends', 'appended');
timed(TicketFlowUseCase.prototype, 'handle', (args) => openingOf(args[0]), 'a lane works it');
timed(TangoeClient.prototype, 'createSupportRequest', (args) => (args[0] as { externalSourceId?: string }).externalSourceId, 'create call', 'created at Tangoe');

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 20);
  const infra = await startTestInfrastructure((line) => process.stderr.write(`[infra] ${line}\n`));
  process.env.DATABASE_URL = infra.databaseUrl;
  Object.assign(process.env, infra.kafkaEnv);
  const bridge = await startBridge({ clients: ['bench'] });
  try {
    // Warm-up outside the clock: connections, topics, the JIT.
    const ingress = loadClient(bridge.ingressUrl);
    for (let i = 0; i < 100; i++) await postTo(ingress, bridge.clients[0].webhookSecret, JSON.stringify(incidentInserted(`INCW${i}`)));
    const timedRun = await webhookToSupportRequest(bridge, 20, seconds, 'INCD', { sent: (ticket) => mark(ticket, 'webhook sent') });
    const complete = [...marks.entries()].filter(([ticket, reached]) => ticket.startsWith('INCD') && STEPS.every(([from, to]) => reached[from] !== undefined && reached[to] !== undefined));
    process.stdout.write(`webhook → support request at 20/s, ${timedRun.count} tickets: p50 ${timedRun.p50.toFixed(2)} ms, p99 ${timedRun.p99.toFixed(2)} ms\n`);
    process.stdout.write(`median of each step over the ${complete.length} tickets that passed every step:\n`);
    for (const [from, to] of STEPS) {
      const median = percentile(complete.map(([, reached]) => reached[to]! - reached[from]!), 50);
      process.stdout.write(`  ${`${from} → ${to}`.padEnd(48)} ${median.toFixed(2)} ms\n`);
    }
  } finally {
    await bridge.close();
    await infra.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
