import { INFRA_ENV } from '@bridge/test-infra';

// globalSetup exported the addresses through the environment; a worker without them would test nothing real.
for (const name of Object.values(INFRA_ENV)) {
  if (!process.env[name]) {
    throw new Error(`${name} is not set: the integration globalSetup did not provide real infrastructure`);
  }
}

// Real brokers rebalance and real databases start: deadlines live in each wait, this only bounds a stuck test.
jest.setTimeout(300_000);
