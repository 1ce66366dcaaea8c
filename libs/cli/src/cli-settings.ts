import { IsOptional, IsString } from 'class-validator';
import { Environment, IntegerSetting, Sensitive, Settings, UrlSetting, loadSettings } from '@bridge/settings';

/**
 * What the `bridge` command reads from its environment. Tokens come only from here, never from arguments: those
 * end up in shell history and process lists.
 */
export class CliSettings extends Settings {
  /** The clients file of `normalize --client` and `render` when `--clients` is not given. */
  @IsOptional() @IsString() CLIENTS_FILE?: string;
  /** The services' admin token. */
  @IsOptional() @IsString() @Sensitive() ADMIN_TOKEN?: string;
  /** Each service's admin API when its flag (`--ingress`, `--gateway`, `--notifier`, `--url`) is not given. */
  @IsOptional() @UrlSetting() INGRESS_URL?: string;
  @IsOptional() @UrlSetting() GATEWAY_URL?: string;
  @IsOptional() @UrlSetting() NOTIFIER_URL?: string;
  /** `bridge demo`: where the standalone run's sandbox listens, and the sandbox's demo credentials. */
  @IntegerSetting(1, 65535) SANDBOX_PORT = 3100;
  @IsString() @Sensitive() SANDBOX_ADMIN_TOKEN = 'sandbox-admin';
  @IsString() @Sensitive() DEMO_CALLER_PASSWORD = 'demo-caller-password';
}

/** What the commands that call the services' admin APIs need of the settings. */
export type AdminAccess = Pick<CliSettings, 'ADMIN_TOKEN' | 'INGRESS_URL' | 'GATEWAY_URL' | 'NOTIFIER_URL'>;

export function loadCliSettings(env: Environment): CliSettings {
  return loadSettings(CliSettings, env, 'bridge settings');
}

/** The settings of this process's environment: the one place the CLI reads it. */
export function readCliSettings(): CliSettings {
  return loadCliSettings(process.env);
}
