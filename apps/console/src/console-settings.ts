import { IsIn, IsOptional, IsString, Matches, MinLength } from 'class-validator';
import { BooleanSetting, Environment, IntegerSetting, Sensitive, Settings, UrlSetting, loadSettings } from '@bridge/settings';

/** The same floor as the services' (ServiceSettings): the console presents this token to them. */
const ADMIN_TOKEN_MIN_LENGTH = 32;

/**
 * What the operators' console reads from its environment, validated at start: a bad value stops it with the
 * variable named. It holds no database and no Kafka address: everything it shows or does goes through the three
 * services' admin APIs, at the URLs given here (their admin ports, inside the cluster). docs/configuration.md lists
 * each with its default.
 */
export class ConsoleSettings extends Settings {
  /** Unset: 3003. The console has no public paths: its Service stays inside the cluster. */
  @IsOptional() @IntegerSetting(0, 65535) PORT?: number;
  @Matches(/^\S+$/, { message: 'HOST must be a host name or an address' }) HOST = '127.0.0.1';
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';
  /** Unset: stdout; a file, for tests that read the audit lines back. */
  @IsOptional() @IsString() LOG_FILE?: string;
  /**
   * The services' admin token: what an operator types to sign in, and what the console presents to the services.
   * Also the root of the session cookies' key: changing it signs every operator out.
   */
  @IsString({ message: 'ADMIN_TOKEN is required: the console signs operators in with it and presents it to the services' })
  @MinLength(ADMIN_TOKEN_MIN_LENGTH, { message: `ADMIN_TOKEN must be at least ${ADMIN_TOKEN_MIN_LENGTH} characters (openssl rand -hex 32 makes one)` })
  @Sensitive()
  ADMIN_TOKEN!: string;
  /** Each service's admin API (its ADMIN_PORT): the only places the console sends requests to. */
  @UrlSetting() INGRESS_ADMIN_URL!: string;
  @UrlSetting() GATEWAY_ADMIN_URL!: string;
  @UrlSetting() NOTIFIER_ADMIN_URL!: string;
  /** How long a sign-in lasts. */
  @IntegerSetting(5, 24 * 60) CONSOLE_SESSION_MINUTES = 480;
  /** How often the lists refresh themselves in the operator's browser. */
  @IntegerSetting(1, 300) CONSOLE_REFRESH_SECONDS = 5;
  /** How long a page waits for a service's answer. */
  @IntegerSetting(500, 120_000) CONSOLE_PEER_TIMEOUT_MS = 10_000;
  /** How long a drift report or an onboarding waits: both walk the client's ITSM inside its read budget. */
  @IntegerSetting(10_000, 3_600_000) CONSOLE_LONG_PEER_TIMEOUT_MS = 600_000;
  /**
   * The session cookie is `Secure` (sent over HTTPS only). Set false only where the console is reached over plain
   * HTTP on a trusted path (a `kubectl port-forward` is HTTP to localhost, which browsers accept as secure anyway).
   */
  @BooleanSetting() CONSOLE_SECURE_COOKIE = true;
}

export function readConsoleSettings(env: Environment = process.env): ConsoleSettings {
  return loadSettings(ConsoleSettings, env, 'console settings');
}
