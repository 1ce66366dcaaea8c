import { Matches } from 'class-validator';
import type { Environment } from '@bridge/settings';

const ENVIRONMENT = Symbol('the environment a secret reference resolves in');
import { ClientsConfigError } from './clients-config.error';

/**
 * A secret is never written in the clients file: the file names the environment variable (a Kubernetes Secret
 * mounted as env) that holds it. Validation refuses a plain string wherever a secret belongs. A reference resolves
 * in the environment its file was loaded with (`bindSecrets`), which the service's settings pass in.
 */
export class SecretRef {
  @Matches(/^[A-Z_][A-Z0-9_]{0,127}$/, { message: 'env must name an environment variable (upper case, digits, "_")' })
  env!: string;

  declare readonly [ENVIRONMENT]?: Environment;
}

/**
 * Makes every secret reference of a client resolve in `env`. Kept off the reference's own keys, so a client's
 * configuration compared, serialised or printed neither changes nor shows a secret.
 */
export function bindSecrets<T extends object>(client: T, env: Environment): T {
  for (const [, ref] of secretRefs(client)) Object.defineProperty(ref, ENVIRONMENT, { value: env, enumerable: false, configurable: true });
  return client;
}

/** Reads a referenced secret in the environment its file was loaded with; the error names the variable, never a value. */
export function resolveSecret(ref: SecretRef, clientId: string, field: string): string {
  const env = ref[ENVIRONMENT];
  if (!env) throw new Error(`client "${clientId}": ${field} (${ref.env}) was not loaded with an environment to resolve it in`);
  const value = env[ref.env];
  if (value === undefined || value === '') throw ClientsConfigError.missingSecret(clientId, field, ref.env);
  return value;
}

/** Every secret reference of a client (or of anything holding clients), with its field path. */
export function secretRefs(client: object): Array<[string, SecretRef]> {
  const out: Array<[string, SecretRef]> = [];
  const walk = (value: unknown, at: string) => {
    if (value instanceof SecretRef) out.push([at, value]);
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) walk(child, at ? `${at}.${key}` : key);
    }
  };
  walk(client, '');
  return out;
}
