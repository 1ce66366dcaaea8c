import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { parse as parseYaml } from 'yaml';
import { ClientConfig, ClientsFile, OUTBOUND_KINDS } from './client-config';
import type { Environment } from '@bridge/settings';
import { bindSecrets, secretRefs } from './secret-ref';
import { ClientsConfigError, ConfigProblem } from './clients-config.error';
import { interpolateFileVariables } from './file-variables';
import { sharedTangoeUserProblems } from './shared-tangoe-user';

/** Whether a service uses this secret of this client (its field, as `outbound.auth.token`). */
export type SecretsUsed = (field: string, client: ClientConfig) => boolean;

/** The secrets used by the start of their field, whatever the client. */
export function secretsUnder(...starts: readonly string[]): SecretsUsed {
  return (field) => starts.some((start) => field.startsWith(start));
}

export interface LoadOptions {
  /** ITSM adapters this build knows; a client naming another is refused. */
  knownItsms: readonly string[];
  /** Where the file's `${CLIENTS_VAR_…}` and its secret references (`{ env: NAME }`) resolve: the settings' environment. */
  env: Environment;
  /**
   * Whether every referenced secret must be set in `env` (the default), so a service refuses to start rather than
   * fail on the first ticket; off where the file is checked without its secrets (a CI job, a laptop).
   */
  checkSecrets?: boolean;
  /**
   * Which of a client's secrets this reader uses, by field (`inbound.secret`, `tangoe.auth.token`): only those must be
   * set. A service is given only its own secrets (docs/security.md#secrets-per-service); unset, every one is checked.
   */
  secretsUsed?: SecretsUsed;
  /** Parses each client's templates now (e.g. `(source) => renderer.check(source)`). */
  checkTemplate?: (source: string) => void;
}

export function loadClientsFile(file: string, options: LoadOptions): ClientsFile {
  return loadClientsSnapshot(file, options).clients;
}

/** A validated clients file with the SHA-256 of the very bytes validated: the version a service reports. */
export interface ClientsSnapshot {
  clients: ClientsFile;
  sha256: string;
}

/** Reads the file once, so the version reported is the content validated, even if the file changes meanwhile. */
export function loadClientsSnapshot(file: string, options: LoadOptions): ClientsSnapshot {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw ClientsConfigError.invalidFile([{ file, field: '', message: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }]);
  }
  return { clients: parseClientsFile(bytes.toString('utf8'), file, options), sha256: clientsFileSha256(bytes) };
}

export function clientsFileSha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Parses YAML (or JSON, which YAML includes) and validates it, collecting every problem before failing. */
export function parseClientsFile(text: string, file: string, options: LoadOptions): ClientsFile {
  const name = path.basename(file);
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    // The parser's first line says where; the lines after it quote the file.
    throw ClientsConfigError.invalidFile([{ file: name, field: '', message: `is not valid YAML/JSON: ${(error as Error).message.split('\n')[0]}` }]);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw ClientsConfigError.invalidFile([{ file: name, field: '', message: 'must be an object with "version" and "clients"' }]);
  }
  const problems: ConfigProblem[] = [];
  const parsed = plainToInstance(ClientsFile, interpolateFileVariables(raw, options.env, name, problems));
  const errors = validateSync(parsed, { whitelist: true, forbidNonWhitelisted: true });
  for (const error of errors) collect(error, '', name, parsed, problems);

  const seen = new Set<string>();
  (parsed.clients ?? []).forEach((client, index) => {
    const label = typeof client?.id === 'string' ? client.id : `#${index + 1}`;
    if (!client || typeof client !== 'object') return;
    if (typeof client.id === 'string' && seen.has(client.id)) problems.push({ file: name, client: label, field: 'id', message: 'is used by another client' });
    seen.add(client.id);
    if (typeof client.itsm === 'string' && !options.knownItsms.includes(client.itsm)) {
      problems.push({ file: name, client: label, field: 'itsm', message: `must be one of: ${options.knownItsms.join(', ')}` });
    }
    if (options.checkTemplate) {
      const templates: Array<[string, unknown]> = [['mapping.textTemplate', client.mapping?.textTemplate]];
      for (const [kind, source] of Object.entries(client.outbound?.templates ?? {})) templates.push([`outbound.templates.${kind}`, source]);
      for (const [field, source] of templates) {
        if (typeof source !== 'string') continue;
        try {
          options.checkTemplate(source);
        } catch (error) {
          problems.push({ file: name, client: label, field, message: (error as Error).message });
        }
      }
      for (const kind of Object.keys(client.outbound?.templates ?? {})) {
        if (!(OUTBOUND_KINDS as readonly string[]).includes(kind)) problems.push({ file: name, client: label, field: `outbound.templates.${kind}`, message: `is not a kind of update: use ${OUTBOUND_KINDS.join(', ')}` });
      }
    }
    if (options.checkSecrets ?? true) {
      for (const [field, ref] of secretRefs(client)) {
        if (options.secretsUsed && !options.secretsUsed(field, client)) continue;
        if (!options.env[ref.env]) problems.push({ file: name, client: label, field, message: `refers to environment variable ${ref.env}, which is not set` });
      }
    }
  });
  problems.push(...sharedTangoeUserProblems(Array.isArray(parsed.clients) ? parsed.clients : [], name));
  if (problems.length > 0) throw ClientsConfigError.invalidFile(problems);
  return bindSecrets(parsed, options.env);
}

function collect(error: ValidationError, prefix: string, file: string, root: ClientsFile, out: ConfigProblem[]): void {
  const at = prefix ? `${prefix}.${error.property}` : error.property;
  const match = /^clients\.(\d+)(?:\.(.*))?$/.exec(at);
  let client: string | undefined;
  let field = at;
  if (match) {
    const entry = root.clients?.[Number(match[1])];
    client = typeof entry?.id === 'string' && /^[a-z0-9][a-z0-9_-]{0,62}$/.test(entry.id) ? entry.id : `#${Number(match[1]) + 1}`;
    field = match[2] ?? '';
  }
  for (const message of Object.values(error.constraints ?? {})) {
    const text = message.replace(/^property (\S+) should not exist$/, 'is not a known setting');
    out.push({ file, client, field, message: text.startsWith(`${error.property} `) ? text.slice(error.property.length + 1) : text });
  }
  for (const child of error.children ?? []) collect(child, at, file, root, out);
}
