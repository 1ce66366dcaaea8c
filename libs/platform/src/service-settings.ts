import { Type, plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';
import { PlatformError } from './platform.error';

/**
 * Settings every service reads from its environment, validated once at start (DESIGN.md §6): a bad value stops
 * the service with a message naming the variable. Which secrets a setting holds is marked, so nothing prints it.
 */
export class ServiceSettings {
  /** Comma-separated brokers; when absent the service runs on the in-process bus (standalone). */
  @IsOptional() @Matches(/^[^,\s]+(,[^,\s]+)*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port…]' })
  KAFKA_BROKERS?: string;

  /** postgres://… for a real PostgreSQL; absent means embedded PGlite under DATA_DIR. Holds a password: sensitive. */
  @IsOptional() @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional() @IsString() DATA_DIR?: string;

  /** Prefixes each service's schema name, so two bridges (or two test runs) can share one database. */
  @IsOptional() @Matches(/^[a-z_][a-z0-9_]{0,40}$/, { message: 'DATABASE_SCHEMA_PREFIX must be a plain lower-case PostgreSQL identifier of at most 40 characters' })
  DATABASE_SCHEMA_PREFIX?: string;

  @IsOptional() @Matches(/^[a-zA-Z0-9._-]{1,100}$/, { message: 'TOPIC_NAMESPACE may only hold letters, digits, ".", "_" and "-"' })
  TOPIC_NAMESPACE?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) KAFKA_PARTITIONS?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(65535) PORT?: number;

  /** How long a silent consumer keeps its partitions: what a crashed replica costs its tickets in delay. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(6_000) @Max(300_000) KAFKA_SESSION_TIMEOUT_MS?: number;

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL?: string;

  /** The gateway's polling of Tangoe: how often each client's stream, and how many records a page. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(50) @Max(86_400_000) POLL_INTERVAL_MS?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(999) POLL_PAGE_SIZE?: number;
  @IsOptional() @IsIn(['true', 'false']) POLL_ENABLED?: string;

  /** The ingress's reconciliation of each client's ITSM: the default interval, on or off, records a page. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(100) @Max(86_400_000) RECONCILE_INTERVAL_MS?: number;
  @IsOptional() @IsIn(['true', 'false']) RECONCILE_ENABLED?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) RECONCILE_PAGE_SIZE?: number;

  /** How often the clients file is looked at for a change to reload (docs/clients-file.md); 0 or unset: never. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(86_400_000) CLIENTS_RELOAD_INTERVAL_MS?: number;

  /** How often the gateway looks for tickets that wait with nobody sending them (after a resume cut short). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(100) @Max(86_400_000) GATEWAY_SWEEP_INTERVAL_MS?: number;

  /** How long the gateway keeps a client's list of Tangoe's support requests while it links onboarded tickets. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(86_400_000) TANGOE_INDEX_TTL_MS?: number;
}

export const SENSITIVE_SETTINGS: ReadonlySet<string> = new Set(['DATABASE_URL']);

/** Reads and validates the settings from an environment; never echoes a sensitive value in an error. */
export function loadServiceSettings(env: NodeJS.ProcessEnv): ServiceSettings {
  const settings = plainToInstance(ServiceSettings, pickDefined(env), { enableImplicitConversion: true });
  const errors = validateSync(settings, { whitelist: true });
  if (errors.length > 0) {
    throw PlatformError.invalidSettings(
      errors.map((error) => {
        const messages = Object.values(error.constraints ?? {}).join(', ');
        return SENSITIVE_SETTINGS.has(error.property) ? `${error.property} is invalid (value hidden): ${messages}` : messages;
      }),
    );
  }
  return settings;
}

export const SETTING_NAMES = [
  'KAFKA_BROKERS',
  'DATABASE_URL',
  'DATA_DIR',
  'DATABASE_SCHEMA_PREFIX',
  'TOPIC_NAMESPACE',
  'KAFKA_PARTITIONS',
  'KAFKA_SESSION_TIMEOUT_MS',
  'PORT',
  'LOG_LEVEL',
  'POLL_INTERVAL_MS',
  'POLL_PAGE_SIZE',
  'POLL_ENABLED',
  'RECONCILE_INTERVAL_MS',
  'RECONCILE_ENABLED',
  'RECONCILE_PAGE_SIZE',
  'CLIENTS_RELOAD_INTERVAL_MS',
  'TANGOE_INDEX_TTL_MS',
  'GATEWAY_SWEEP_INTERVAL_MS',
] as const;

/** Only the settings this class knows; unrelated variables of the environment are none of its business. */
function pickDefined(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of SETTING_NAMES) {
    const value = env[key];
    if (value !== undefined && value !== '') out[key] = value;
  }
  return out;
}
