#!/usr/bin/env node
// The one test command (README quick start, .ci/run): unit and integration tiers in one Jest run against real
// Kafka and PostgreSQL, then a plain closing line "tests: N passed, N failed" that any CI can read.
'use strict';
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const resultsFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'bridge-tests-')), 'results.json');
const jest = require.resolve('jest/bin/jest', { paths: [root] });
// One worker: the broker, the database and the services under test already share the machine's two cores.
// PGlite loads its WebAssembly through a dynamic import, which Jest's sandbox allows only with VM modules on.
const args = ['--experimental-vm-modules', '--disable-warning=ExperimentalWarning', jest, '--config', path.join(root, 'jest.config.js'), '--runInBand', '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)];

// What a fresh Debian machine lacks (PostgreSQL's server, sshd, Chromium, Java and Kafka's jars) is installed first,
// so this one command runs every test anywhere; the script is idempotent and takes well under a second once done.
const prereqs = spawnSync('bash', [path.join(root, 'scripts/infra/install-prereqs.sh')], { cwd: root, stdio: 'inherit', env: process.env });
if (prereqs.status !== 0) {
  process.stderr.write('\nscripts/infra/install-prereqs.sh could not install what the tests need (see above)\n');
  process.stdout.write('\ntests: 0 passed, 1 failed\n');
  process.exit(1);
}

const run = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env });

let passed = 0;
let failed = 0;
try {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
} catch {
  failed += 1;
}
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed\n`);
const code = run.status ?? 1;
process.exit(code !== 0 ? code : failed > 0 ? 1 : 0);
