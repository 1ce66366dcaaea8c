import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import axios from 'axios';
import { waitFor } from '@bridge/test-infra';
import { signBody } from '@bridge/webhook-security';
import { startBridge } from '../test/support/bridge-harness';
import { freePort } from '../test/support/free-port';
import { incidentInserted } from '../test/support/servicenow-payloads';
import { BenchFigure, figure } from './bench-report';
import { closedLoop, loadClient } from './load';

const REPO = path.resolve(__dirname, '..');
const SERVICES = ['ingress', 'tangoe-gateway', 'outbound-notifier'] as const;

/**
 * Resident memory of each service as its own process, as it runs in a pod (the built bundle of `npm run build`),
 * idle and at its peak under load: tickets posted to the ingress, carried by the gateway to the sandbox Tangoe,
 * closed there and delivered back by the notifier. The baseline is an idle bare Node process on the same machine.
 * Each service runs with the image's NODE_OPTIONS (deploy/Dockerfile): V8's heap sizing decides most of the peak.
 */
export async function memoryBenchmark(tickets = 1_000): Promise<BenchFigure[]> {
  // Memory under the load, not one client's allowance: at the default 200 webhooks a second some would be answered 429.
  const bridge = await startBridge({ clients: ['mem'], gateway: false, requestsPerSecond: { mem: 100_000 }, env: { POLL_ENABLED: 'false' } });
  const processes: Array<{ name: string; child: ChildProcess; port: number }> = [];
  const nodeOptions = imageNodeOptions();
  try {
    for (const name of SERVICES) {
      const port = await freePort();
      processes.push({ name, port, child: start(name, { PORT: String(port), LOG_LEVEL: 'warn', NODE_OPTIONS: nodeOptions }) });
    }
    for (const service of processes) {
      await waitFor(async () => (await axios.get(`http://127.0.0.1:${service.port}/health/ready`, { validateStatus: () => true }).catch(() => undefined))?.status === 200, { description: `${service.name} ready`, timeoutMs: 120_000 });
    }
    const bare = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { env: { ...process.env, NODE_OPTIONS: nodeOptions }, stdio: 'ignore' });
    await sleep(3_000);
    const idle = new Map(processes.map((service) => [service.name, rssMiB(service.child.pid!)]));
    const bareRss = rssMiB(bare.pid!);
    bare.kill();

    const peak = new Map(idle);
    const sampler = setInterval(() => processes.forEach((s) => peak.set(s.name, Math.max(peak.get(s.name)!, rssMiB(s.child.pid!)))), 100);
    try {
      const ingress = loadClient(`http://127.0.0.1:${processes[0].port}`);
      const secret = bridge.clients[0].webhookSecret;
      const numbers = Array.from({ length: tickets }, (_, i) => `INCM${String(i).padStart(7, '0')}`);
      const sent = await closedLoop(tickets, 16, async (i) => {
        const body = JSON.stringify(incidentInserted(numbers[i]));
        return (await ingress.post('/v1/clients/mem/webhooks/servicenow', body, { headers: { 'content-type': 'application/json', 'x-bridge-signature': signBody(secret, body) } })).status;
      });
      // A refused webhook makes no support request: said now, not as a wait that runs out five minutes later.
      if (sent.failures > 0) throw new Error(`the ingress refused ${sent.failures} of ${tickets} webhooks; the memory figures would be of a lighter load`);
      const tangoe = bridge.sandbox.tangoe;
      await waitFor(() => tangoe.supportRequestsOf('mem').length === tickets, { description: `${tickets} support requests`, timeoutMs: 300_000, intervalMs: 250 });
      // The client's incidents exist at its ServiceNow, so the closes have records to update.
      const instance = bridge.sandbox.servicenow.get('mem');
      instance.options.webhook = undefined;
      for (const number of numbers) instance.insert('incident', { number, short_description: number, state: '2' }, 'mem.caller');
      tangoe.webhooks.set('mem', { url: `http://127.0.0.1:${processes[0].port}/v1/clients/mem/tangoe/webhooks`, secret: process.env.MEM_TANGOE_PUSH! });
      for (const request of tangoe.supportRequestsOf('mem')) tangoe.specialist.changeState(request.id, { state: 'closed', note: 'Done.' });
      await waitFor(() => numbers.every((number) => instance.findByNumber(number)?.state === '7'), { description: `${tickets} incidents closed`, timeoutMs: 300_000, intervalMs: 250 });
    } finally {
      clearInterval(sampler);
    }
    const bareBaseline = { name: 'idle bare Node process', value: bareRss };
    return processes.flatMap((service) => [
      figure('memory', `${service.name} RSS idle`, 'MiB', idle.get(service.name)!, bareBaseline, `NODE_OPTIONS=${nodeOptions}`),
      figure('memory', `${service.name} RSS peak under load`, 'MiB', peak.get(service.name)!, bareBaseline, `${tickets} tickets in and closed back; NODE_OPTIONS=${nodeOptions}`),
    ]);
  } finally {
    for (const service of processes) service.child.kill('SIGTERM');
    await Promise.all(processes.map((service) => new Promise((resolve) => (service.child.exitCode !== null ? resolve(undefined) : service.child.once('exit', resolve)))));
    await bridge.close();
  }
}

/** The built bundle, as the image runs it; `npm run bench` builds it first. */
function start(name: string, env: Record<string, string>): ChildProcess {
  const bundle = path.join(REPO, `dist/apps/${name}/main.js`);
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run npm run build`);
  return spawn(process.execPath, [bundle], { cwd: REPO, env: { ...process.env, ...env }, stdio: 'ignore' });
}

/** The runtime image's NODE_OPTIONS (deploy/Dockerfile), so the figures are of the heap the pods get. */
function imageNodeOptions(): string {
  const dockerfile = readFileSync(path.join(REPO, 'deploy/Dockerfile'), 'utf8');
  const options = /^ENV NODE_OPTIONS=(.+)$/m.exec(dockerfile)?.[1];
  if (!options) throw new Error('deploy/Dockerfile sets no NODE_OPTIONS: the memory bench would measure another heap than the image runs');
  return options.trim();
}

function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
}
