// Two tiers (STYLE.md §7): unit specs beside the code need nothing; integration tests start real Kafka and
// PostgreSQL once per run in globalSetup and isolate themselves by topic, group and schema names.
const { readFileSync } = require('node:fs');
const path = require('node:path');

const swc = JSON.parse(readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));
delete swc.jsc.baseUrl;
delete swc.jsc.paths;
const transform = { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }] };

const moduleNameMapper = {
  '^@bridge/(.*)$': '<rootDir>/libs/$1/src',
};

module.exports = {
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/test/deploy/**/*.spec.ts', '<rootDir>/test/architecture/**/*.spec.ts', '<rootDir>/bench/**/*.spec.ts'],
    },
    {
      displayName: 'integration',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/integration/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/integration/load-infra-env.ts'],
    },
  ],
};
