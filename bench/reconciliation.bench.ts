import axios from 'axios';
import { loadClientsFile } from '@bridge/clients-config';
import { ITSM_NAMES, ReadHttp, adapterFor } from '@bridge/itsm-adapters';
import { waitFor } from '@bridge/test-infra';
import { startBridge } from '../test/support/bridge-harness';
import { BenchFigure, figure } from './bench-report';

/** The interval a client gets without `reconcile.interval` (RECONCILE_INTERVAL_MS's default). */
const DEFAULT_INTERVAL_MS = 5 * 60_000;
const PAGE_SIZE = 100;

/**
 * What reconciliation costs a client's ServiceNow with `open` open tickets and nothing changed: the Table API
 * requests of each run, measured over runs of the real scheduler, as requests per minute at the default interval;
 * beside what listing every open ticket with its journal would cost each run (the reader walked from the epoch).
 * The tickets predate the watermark, as a live client's tickets do.
 */
export async function reconciliationCostBenchmark(open: number): Promise<BenchFigure[]> {
  const bridge = await startBridge({ clients: ['rc'], webhooksOff: ['rc'], gateway: false, env: { RECONCILE_INTERVAL_MS: '1000', RECONCILE_PAGE_SIZE: String(PAGE_SIZE) } });
  try {
    const instance = bridge.sandbox.servicenow.get('rc');
    const aDayAgo = new Date(Date.now() - 86_400_000).toISOString().slice(0, 19).replace('T', ' ');
    for (let i = 0; i < open; i++) {
      const record = instance.insert('incident', { short_description: `Open ticket ${i}`, assignment_group: 'Mobility', caller_name: 'Ann Smith', caller_phone: '5551234567', state: '2' }, 'ann.smith');
      record.sys_updated_on = aDayAgo;
      record.sys_created_on = aDayAgo;
    }
    const runs = 10;
    const lastRun = async () => ((await axios.get(`${bridge.ingressUrl}/admin/reconciliation`, { headers: { authorization: `Bearer ${bridge.adminToken}` } })).data as Array<{ clientId: string; lastRunAt?: string }>)[0]?.lastRunAt;
    await waitFor(async () => (await lastRun()) !== undefined, { description: 'a first reconciliation run', timeoutMs: 60_000 });
    const callsBefore = instance.calls.length;
    let seen = await lastRun();
    for (let run = 0; run < runs; run++) {
      await waitFor(async () => {
        const now = await lastRun();
        if (now === seen) return false;
        seen = now;
        return true;
      }, { description: `reconciliation run ${run + 1}`, timeoutMs: 60_000 });
    }
    const perRun = instance.calls.slice(callsBefore).filter((call) => call.method === 'GET').length / runs;

    // The baseline: every open ticket listed with its journal, a page at a time, as a run without a watermark would.
    const client = loadClientsFile(bridge.clientsFile, { knownItsms: ITSM_NAMES, env: process.env, checkSecrets: false }).clients.find((candidate) => candidate.id === 'rc')!;
    const password = process.env.RC_SN_PASSWORD!;
    let requests = 0;
    const http: ReadHttp = async (path, params) => {
      requests += 1;
      const answer = await axios.get(`${client.outbound!.baseUrl}${path}`, { params, auth: { username: 'tangoe.bridge', password }, validateStatus: () => true });
      return { status: answer.status, data: answer.data, headers: answer.headers as Record<string, unknown> };
    };
    const reader = adapterFor('servicenow')!.reader;
    let cursor: string | undefined;
    let listed = 0;
    do {
      const page = await reader.changedSince(http, client, new Date(0), cursor, PAGE_SIZE);
      listed += page.records.length;
      cursor = page.cursor;
    } while (cursor);
    if (listed !== open) throw new Error(`the full listing read ${listed} tickets, not ${open}`);

    const perMinute = (perRequestRun: number) => perRequestRun * (60_000 / DEFAULT_INTERVAL_MS);
    return [
      figure(
        `reconciliation, ${open} open tickets`,
        'ServiceNow requests per minute per client, nothing changed, default interval (5 min)',
        'req/min',
        perMinute(perRun),
        { name: 'listing every open ticket with its journal each run', value: perMinute(requests) },
        `${perRun} request(s) per run, measured over ${runs} runs of the scheduler; the listing took ${requests} requests`,
      ),
    ];
  } finally {
    await bridge.close();
  }
}

/**
 * How long a client's comment whose webhook was lost takes to reach Tangoe when only reconciliation can find it
 * (`interval`, no further webhook rings the doorbell), beside the same comment told by its webhook. Samples follow one
 * another, each made just after a run found the one before: close to a whole interval, the worst case (a change at
 * a random moment waits half of it on average).
 */
export async function lostWebhookDelayBenchmark(intervalMs = 5_000, samples = 8): Promise<BenchFigure[]> {
  const bridge = await startBridge({ clients: ['lw'], env: { RECONCILE_INTERVAL_MS: String(intervalMs) } });
  try {
    const instance = bridge.sandbox.servicenow.get('lw');
    const record = instance.insert('incident', { short_description: 'Lost webhooks', assignment_group: 'Mobility', caller_name: 'Ann Smith', caller_phone: '5551234567', state: '2' }, 'ann.smith');
    const request = await waitFor(() => bridge.sandbox.tangoe.supportRequestsOf('lw').find((r) => r.external_source_id === record.number), { description: 'the support request' });
    const delay = async (text: string, lose: boolean) => {
      if (lose) instance.webhookNetwork.faults = { loseNext: 1 };
      const started = Date.now();
      instance.update('incident', record.sys_id, { comments: text }, 'ann.smith');
      await waitFor(() => request.interactions.some((interaction) => interaction.text === text), { description: `${text} at Tangoe`, timeoutMs: intervalMs * 4 + 30_000, intervalMs: 10 });
      return Date.now() - started;
    };
    const lost: number[] = [];
    const told: number[] = [];
    for (let i = 0; i < samples; i++) {
      told.push(await delay(`told ${i}`, false));
      lost.push(await delay(`lost ${i}`, true));
    }
    return [
      figure(
        'a lost webhook',
        `delay from the change to its interaction at Tangoe, median of ${samples}, reconciliation every ${intervalMs / 1000} s`,
        'ms',
        median(lost),
        { name: 'the same change told by its webhook', value: median(told) },
        `lost: ${lost.join(', ')} ms; told: ${told.join(', ')} ms`,
      ),
    ];
  } finally {
    await bridge.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
