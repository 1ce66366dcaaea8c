#!/usr/bin/env node
// The `bridge` CLI. Runs the TypeScript sources through SWC, so it works in a checkout without a build.
'use strict';
const path = require('node:path');
process.env.SWC_NODE_PROJECT ??= path.join(__dirname, '..', 'tsconfig.json');
require('@swc-node/register');
const { runCli } = require('../libs/cli/src');
runCli(process.argv.slice(2), (text) => process.stdout.write(`${text}\n`), (text) => process.stderr.write(`bridge: ${text}\n`)).then(
  (code) => (process.exitCode = code),
  (error) => {
    process.stderr.write(`bridge: ${error.message}\n`);
    process.exitCode = 1;
  },
);
