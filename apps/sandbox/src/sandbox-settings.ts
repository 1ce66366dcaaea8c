import { IsOptional, IsString, Matches } from 'class-validator';
import { Environment, IntegerSetting, Sensitive, Settings, loadSettings } from '@bridge/settings';

/** What the sandbox as a process (`npm run start:sandbox`, the container) reads from its environment. */
export class SandboxSettings extends Settings {
  @IntegerSetting(0, 65535) PORT = 3100;
  @Matches(/^\S+$/, { message: 'HOST must be a host name or an address' }) HOST = '127.0.0.1';
  /** Seeds the fault PRNG, so a run's faults repeat. */
  @IsOptional() @IntegerSetting(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER) SANDBOX_SEED?: number;
  /** The specialist console's `X-Sandbox-Admin` token; unset: the sandbox's own default. */
  @IsOptional() @IsString() @Sensitive() SANDBOX_ADMIN_TOKEN?: string;
  /** Signs the sandbox Tangoe's OAuth tokens; unset: the sandbox's own default. */
  @IsOptional() @IsString() @Sensitive() SANDBOX_JWT_SECRET?: string;
}

export function loadSandboxSettings(env: Environment): SandboxSettings {
  return loadSettings(SandboxSettings, env, 'sandbox settings');
}

/** The settings of this process's environment: the one place the sandbox reads it. */
export function readSandboxSettings(): SandboxSettings {
  return loadSandboxSettings(process.env);
}
