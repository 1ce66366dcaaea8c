import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { sensitiveSettingsOf, settingNamesOf } from '@bridge/settings';
import { CliSettings } from '../../libs/cli/src/cli-settings';
import { ServiceSettings } from '../../libs/platform/src/service-settings';
import { TestInfraSettings } from '../../libs/test-infra/src/test-infra-settings';
import { SandboxSettings } from '../../apps/sandbox/src/sandbox-settings';
import { ConsoleSettings } from '../../apps/console/src/console-settings';

const ROOT = path.resolve(__dirname, '../..');

/** The settings modules: each reads its component's environment once, typed and validated (docs/configuration.md). */
const SETTINGS_MODULES = [
  'libs/platform/src/service-settings.ts',
  'libs/cli/src/cli-settings.ts',
  'apps/sandbox/src/sandbox-settings.ts',
  'apps/console/src/console-settings.ts',
  'libs/test-infra/src/test-infra-settings.ts',
];

/** Every way code could read the environment: `process.env`, `process['env']`, `{ env } = process`, node:process, @nestjs/config. */
const ENVIRONMENT_READS = [/\bprocess\s*\.\s*env\b/, /\bprocess\s*\[\s*['"`]env['"`]\s*\]/, /\{[^}]*\benv\b[^}]*\}\s*=\s*process\b/, /from\s+['"](node:)?process['"]/, /['"]@nestjs\/config['"]/];

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(file);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [file] : [];
  });
}

/** Each line of `file` that reads the environment, as `file:line: text`. */
function environmentReadsIn(file: string): string[] {
  return readFileSync(path.join(ROOT, file), 'utf8')
    .split('\n')
    .flatMap((line, index) => (ENVIRONMENT_READS.some((pattern) => pattern.test(line)) ? [`${file}:${index + 1}: ${line.trim()}`] : []));
}

describe('the environment', () => {
  const files = [...sourceFiles('apps'), ...sourceFiles('libs')];

  it('is read by the settings modules alone, in apps/ and libs/ (specs aside)', () => {
    expect(files.length).toBeGreaterThan(100);
    const allowed = new Set(SETTINGS_MODULES);
    expect(files.filter((file) => !allowed.has(file)).flatMap(environmentReadsIn)).toEqual([]);
  });

  it('is read by every file allowed to, so the list stays true', () => {
    expect(SETTINGS_MODULES.filter((file) => !files.includes(file) || environmentReadsIn(file).length === 0)).toEqual([]);
  });
});

describe('docs/configuration.md', () => {
  const rows = readFileSync(path.join(ROOT, 'docs/configuration.md'), 'utf8')
    .split('\n')
    .flatMap((line) => {
      const cells = /^\| `([A-Z][A-Z0-9_]*)` \|/.test(line) ? line.split('|').map((cell) => cell.trim()) : [];
      return cells.length > 0 ? [{ name: cells[1].replace(/`/g, ''), secret: cells[5] === 'secret' }] : [];
    });
  const settings = [ServiceSettings, SandboxSettings, ConsoleSettings, CliSettings, TestInfraSettings];

  it('lists every setting once', () => {
    const listed = rows.map((row) => row.name);
    expect(listed.filter((name, index) => listed.indexOf(name) !== index)).toEqual([]);
    expect(settings.flatMap(settingNamesOf).filter((name) => !listed.includes(name))).toEqual([]);
  });

  it('says which are secret', () => {
    const secret = new Set(settings.flatMap((type) => [...sensitiveSettingsOf(type)]));
    const known = new Set(settings.flatMap(settingNamesOf));
    expect(rows.filter((row) => known.has(row.name) && row.secret !== secret.has(row.name)).map((row) => row.name)).toEqual([]);
  });
});
