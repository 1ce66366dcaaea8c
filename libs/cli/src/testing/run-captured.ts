import { runCli } from '../bridge-cli';

/** Runs the `bridge` command as a terminal would, with what it printed to stdout and stderr, for tests. */
export async function runCliCaptured(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, (text) => out.push(text), (text) => err.push(text));
  return { code, out: out.join('\n'), err: err.join('\n') };
}
