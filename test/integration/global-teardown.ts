import type { TestInfrastructure } from '../../libs/test-infra/src';

export default async function globalTeardown(): Promise<void> {
  const infra = (globalThis as { __bridgeInfra?: TestInfrastructure }).__bridgeInfra;
  await infra?.stop();
}
