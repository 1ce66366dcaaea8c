#!/usr/bin/env node
// `npm run test:faults [-- TICKETS]`: the whole-system fault suite at full size (10,000 tickets unless given) and
// the ingress fuzz at 10,000 bodies per adapter, through the one test command. The normal `npm test` runs the same
// two tests small. The run's summary (counts, faults injected, duration, differences) goes to bench/fault-run.json.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const tickets = process.argv[2] ?? process.env.FAULT_TICKETS ?? '10000';
if (!/^\d+$/.test(tickets) || Number(tickets) < 1) {
  process.stderr.write(`usage: npm run test:faults [-- TICKETS]  (a whole number of tickets, got "${tickets}")\n`);
  process.exit(2);
}
const env = {
  ...process.env,
  FAULT_TICKETS: tickets,
  FUZZ_BODIES_PER_ADAPTER: process.env.FUZZ_BODIES_PER_ADAPTER ?? '10000',
  FAULT_REPORT: process.env.FAULT_REPORT ?? path.join(root, 'bench/fault-run.json'),
};
const run = spawnSync(process.execPath, [path.join(root, 'scripts/run-tests.js'), 'test/integration/faults', 'test/integration/ingress/ingress-fuzz.test.ts'], { cwd: root, stdio: 'inherit', env });
process.exit(run.status ?? 1);
