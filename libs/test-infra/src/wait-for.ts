import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Waits for a condition with a deadline instead of sleeping a fixed time (kafkajs' `waitForMessages` habit).
 * The description ends up in the failure message, so a timeout says what never happened.
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  options: { description: string; timeoutMs?: number; intervalMs?: number },
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError ? ` (last error: ${(lastError as Error).message})` : '';
      throw new Error(`timed out after ${options.timeoutMs ?? 30_000} ms waiting for ${options.description}${cause}`);
    }
    await sleep(options.intervalMs ?? 50);
  }
}
