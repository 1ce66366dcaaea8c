import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(__dirname, '../..');

/**
 * The shapes of SQL statements: a verb with the clause that makes it a statement (`select … from x`, `insert into x
 * (…)`, `update x set y =`, `delete from x where`) or an advisory lock function. Prose that only mentions these verbs
 * does not match, so a hit is worth a look.
 */
const SQL_STATEMENTS = [
  /\bselect\b[\s\S]*?\bfrom\s+[a-z_"]/i,
  /\binsert\s+into\s+[\w."]+\s*(\(|values\b|select\b|default\b)/i,
  /\bupdate\s+[\w."]+(\s+\w+)?\s+set\s+[\w"]+\s*=/i,
  /\bdelete\s+from\s+[\w."]+(\s+\w+)?\s*(\bwhere\b|\busing\b|\breturning\b|;|$)/i,
  /\bpg_(try_)?advisory_/i,
];

/** Where SQL belongs: repositories, migrations, and the persistence lib that runs both. */
function mayHoldSql(file: string): boolean {
  const name = path.basename(file);
  return name.endsWith('.repository.ts') || name === 'migrations.ts' || name.endsWith('.migration.ts') || file.startsWith('libs/persistence/');
}

/** The text of every string literal in `source`; a template's substitutions stand as `_`, as a table name would. */
function stringLiterals(source: string, fileName = 'source.ts'): string[] {
  const literals: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) literals.push(node.text);
    else if (ts.isTemplateExpression(node)) literals.push([node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join('_'));
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS));
  return literals;
}

/** The string literals of `source` that hold an SQL statement. */
export function sqlIn(source: string, fileName?: string): string[] {
  return stringLiterals(source, fileName).filter((text) => SQL_STATEMENTS.some((statement) => statement.test(text)));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(file);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [file] : [];
  });
}

describe('SQL only in repositories and migrations', () => {
  it('finds statements in string and template literals, not in comments or prose', () => {
    const found = sqlIn(`
      // select the cursor from poll_cursors, then update poll_cursors set the time
      const a = 'select 1 from client_pauses where client_id = $1';
      const b = \`insert into report_files (client_id) values (\${id})\`;
      const c = "UPDATE ticket_links SET status = 'parked'";
      const d = 'delete from waiting_events where seq = $1';
      const e = 'select pg_advisory_xact_lock(hashtext($1))';
      const f = 'Select a client, then pick the update to set aside, or delete it in the console';
    `);
    expect(found).toEqual([
      'select 1 from client_pauses where client_id = $1',
      'insert into report_files (client_id) values (_)',
      "UPDATE ticket_links SET status = 'parked'",
      'delete from waiting_events where seq = $1',
      'select pg_advisory_xact_lock(hashtext($1))',
    ]);
  });

  it('holds no SQL anywhere else under apps/ and libs/', () => {
    const stray = [...sourceFiles('apps'), ...sourceFiles('libs')]
      .filter((file) => !mayHoldSql(file))
      .flatMap((file) => sqlIn(readFileSync(path.join(root, file), 'utf8'), file).map((sql) => `${file}: ${sql.trim().slice(0, 80)}`));
    expect(stray).toEqual([]);
  });
});
