import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * The commit a run measured (a benchmark, the fault run), marked "+changes" when the working tree differs from it,
 * so an artifact it writes names what it ran on.
 */
export function commitUnderTest(checkout: string = path.resolve(__dirname, '../../..')): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: checkout, encoding: 'utf8' }).trim();
    return `${git('rev-parse', 'HEAD')}${git('status', '--porcelain', '--untracked-files=no') ? '+changes' : ''}`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}
