import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
/** What every service's build leaves out (its tsconfig.app.json `exclude`): test code, which calls jest's globals. */
const TEST_CODE = ['**/*.spec.ts', '../../libs/**/*.spec.ts', '../../libs/test-infra/**/*', '../../libs/*/src/testing/**/*', '../../libs/**/*-spec-kit.ts'];
const isTestCode = (file: string) => file.endsWith('.spec.ts') || file.endsWith('-spec-kit.ts') || file.startsWith('libs/test-infra/') || /^libs\/[^/]+\/src\/testing\//.test(file);

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(file);
    return file.endsWith('.ts') ? [file] : [];
  });
}

/**
 * `npm run build` (the images, the benchmark's memory figures) type-checks every file its tsconfig includes; a file
 * calling jest's `expect` that the build does not leave out breaks it, and no test suite run would notice.
 */
describe('the build leaves test code out', () => {
  it("excludes test code in every service's tsconfig.app.json", () => {
    for (const app of readdirSync(path.join(root, 'apps'))) {
      const config = JSON.parse(readFileSync(path.join(root, 'apps', app, 'tsconfig.app.json'), 'utf8')) as { exclude: string[] };
      expect({ app, missing: TEST_CODE.filter((pattern) => !config.exclude.includes(pattern)) }).toEqual({ app, missing: [] });
    }
  });

  it("has jest's globals only in files the build leaves out", () => {
    const stray = [...sources('libs'), ...sources('apps')].filter((file) => !isTestCode(file) && /(^|[^.\w])(expect|jest)\s*[.(]/m.test(readFileSync(path.join(root, file), 'utf8')));
    expect(stray).toEqual([]);
  });
});
