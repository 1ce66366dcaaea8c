import { Matches } from 'class-validator';
import { ClientsConfigError } from './clients-config.error';

/**
 * A secret is never written in the clients file: the file names the environment variable (a Kubernetes Secret
 * mounted as env) that holds it. Validation refuses a plain string wherever a secret belongs.
 */
export class SecretRef {
  @Matches(/^[A-Z_][A-Z0-9_]{0,127}$/, { message: 'env must name an environment variable (upper case, digits, "_")' })
  env!: string;
}

/** Reads a referenced secret; the error names the variable, never a value. */
export function resolveSecret(ref: SecretRef, clientId: string, field: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[ref.env];
  if (value === undefined || value === '') throw ClientsConfigError.missingSecret(clientId, field, ref.env);
  return value;
}
