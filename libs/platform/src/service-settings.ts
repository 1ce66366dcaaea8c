import { IsIn, IsOptional, IsString, Matches, MinLength } from 'class-validator';
import {
  BooleanSetting,
  Environment,
  IntegerSetting,
  NumberSetting,
  PostgresUrlSetting,
  Sensitive,
  UrlSetting,
  loadSettings,
} from '@bridge/settings';
import { KafkaSettings } from '@bridge/messaging';

const DAY_MS = 86_400_000;
const KAFKA_NAME = /^[a-zA-Z0-9._-]{1,100}$/;
export const ADMIN_TOKEN_MIN_LENGTH = 32;

/**
 * Everything a service reads from its environment, validated once at start (DESIGN.md §6): a bad value stops the
 * service with a message naming the variable. Secrets are marked `@Sensitive()`, so nothing prints them. One class
 * for every service: a setting another service has no use for is still checked, and a shared environment (the Helm
 * chart's) is refused or taken as a whole. docs/configuration.md lists each with its default.
 */
export class ServiceSettings extends KafkaSettings {
  // Where the service listens and what it logs.

  /** Unset: the service's own port (ingress 3000, tangoe-gateway 3001, outbound-notifier 3002). */
  @IsOptional() @IntegerSetting(0, 65535) PORT?: number;
  /**
   * Unset: everything on PORT. Set: the admin API, the metrics and the console listen on this port only, and PORT
   * serves the public paths alone (`/v1/…`, the webhooks, and `/health/…`): the public Service exposes PORT and
   * nothing else (docs/security.md#the-admin-api).
   */
  @IsOptional() @IntegerSetting(1, 65535) ADMIN_PORT?: number;
  @Matches(/^\S+$/, { message: 'HOST must be a host name or an address' }) HOST = '127.0.0.1';
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';
  /** Unset: stdout (what Kubernetes collects); a file, for tests that read the logs back. */
  @IsOptional() @IsString() LOG_FILE?: string;

  // Kafka and PostgreSQL.

  // KAFKA_BROKERS and how the service authenticates to them: KafkaSettings.
  /** Unset: the bus's default (6). */
  @IsOptional() @IntegerSetting(1, 1000) KAFKA_PARTITIONS?: number;
  /** How long a silent consumer keeps its partitions: what a crashed replica costs its tickets in delay. Unset: 30 s. */
  @IsOptional() @IntegerSetting(6_000, 300_000) KAFKA_SESSION_TIMEOUT_MS?: number;
  /** Prefixes every topic and consumer group. Unset: `bridge`. */
  @IsOptional() @Matches(KAFKA_NAME, { message: 'TOPIC_NAMESPACE may only hold letters, digits, ".", "_" and "-"' }) TOPIC_NAMESPACE?: string;
  /** Unset: embedded PGlite under DATA_DIR. Holds a password. */
  @IsOptional() @PostgresUrlSetting() @Sensitive() DATABASE_URL?: string;
  @IsString() DATA_DIR = '.data';
  /** Prefixes each service's schema name, so two bridges (or two test runs) can share one database. */
  @IsOptional()
  @Matches(/^[a-z_][a-z0-9_]{0,40}$/, { message: 'DATABASE_SCHEMA_PREFIX must be a plain lower-case PostgreSQL identifier of at most 40 characters' })
  DATABASE_SCHEMA_PREFIX?: string;
  /**
   * PostgreSQL connections per service process. A work line's lane takes one for its work and another, at the same
   * moment, to renew its lease: at least 2 × GATEWAY_LANES or DELIVERY_LANES + 4, checked at start (ADR 25).
   */
  @IntegerSetting(2, 200) DATABASE_POOL_SIZE = 20;
  /**
   * The retention job (docs/security.md#retention): how often it trims, 0 never; how many days the once-only records
   * (`published_events`, `client_changes`, `handled_events`) are kept, at least 7, far past any sender's retries and
   * the 5-minute replay window; how many days the attempt logs (`delivery_attempts`) are kept; rows a statement.
   */
  @IntegerSetting(0, DAY_MS) RETENTION_INTERVAL_MS = 3_600_000;
  @IntegerSetting(7, 3650) RETENTION_DEDUPE_DAYS = 90;
  @IntegerSetting(1, 3650) RETENTION_LOG_DAYS = 30;
  @IntegerSetting(100, 100_000) RETENTION_BATCH_SIZE = 5_000;

  // The clients file, the admin API, tracing.

  /** Required by every service that reads the clients file; its absence is said when the file is first read. */
  @IsOptional() @IsString() CLIENTS_FILE?: string;
  /** How often the clients file is looked at for a change to reload (docs/clients-file.md); 0: never. */
  @IntegerSetting(0, DAY_MS) CLIENTS_RELOAD_INTERVAL_MS = 0;
  /**
   * The admin API's bearer token; unset closes the admin API. At least 32 characters (`openssl rand -hex 32`): a
   * guessable token would open replays, pauses and repairs of every client.
   */
  @IsOptional() @IsString() @MinLength(ADMIN_TOKEN_MIN_LENGTH, { message: `ADMIN_TOKEN must be at least ${ADMIN_TOKEN_MIN_LENGTH} characters (openssl rand -hex 32 makes one)` }) @Sensitive() ADMIN_TOKEN?: string;
  /** Where spans are exported over OTLP/HTTP; the exporter itself reads these and the other standard OTEL_* variables. */
  @IsOptional() @UrlSetting() OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  @IsOptional() @UrlSetting() OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;
  /** Unset: the service's name. */
  @IsOptional() @IsString() OTEL_SERVICE_NAME?: string;

  // The ingress.

  /** Webhooks are small JSON documents; anything near this size is a mistake or an attack. */
  @IntegerSetting(1_024, 64 * 1024 * 1024) MAX_WEBHOOK_BYTES = 256 * 1024;
  /**
   * A client's webhooks one replica takes in a second (its `inbound.requestsPerSecond` overrides it); more are
   * answered 429 with Retry-After. Well above what an ITSM sends in earnest: a 10,000-ticket fault run averages about
   * 15 a second per client.
   */
  @IntegerSetting(1, 100_000) INBOUND_REQUESTS_PER_SECOND = 200;
  /** The reconciliation of each client's ITSM: the default interval, on or off, records a page. */
  @IntegerSetting(100, DAY_MS) RECONCILE_INTERVAL_MS = 5 * 60_000;
  @BooleanSetting() RECONCILE_ENABLED = true;
  @IntegerSetting(1, 500) RECONCILE_PAGE_SIZE = 100;
  /**
   * Clients one ingress replica reads at once. A run mostly waits (on its ITSM's budget, a 429, the network), so
   * runs go side by side: a client whose ITSM makes its run wait does not make the others wait with it.
   */
  @IntegerSetting(1, 64) RECONCILE_CONCURRENCY = 8;

  // The tangoe-gateway.

  /** The polling of Tangoe: how often each client's stream, how many records a page, on or off. */
  @IntegerSetting(50, DAY_MS) POLL_INTERVAL_MS = 30_000;
  @IntegerSetting(1, 999) POLL_PAGE_SIZE = 100;
  @BooleanSetting() POLL_ENABLED = true;
  /** The gateway's retries of a ticket's event before it parks it: how many, doubling from how long. */
  @IntegerSetting(0, 100) GATEWAY_MAX_RETRIES = 6;
  @IntegerSetting(1, 3_600_000) GATEWAY_RETRY_INITIAL_MS = 1_000;
  /** The gateway's work line (ADR 20): tickets sent at once per replica, and how often an idle lane looks again. */
  @IntegerSetting(1, 64) GATEWAY_LANES = 8;
  @IntegerSetting(10, 60_000) GATEWAY_IDLE_POLL_MS = 200;
  /** How long the gateway keeps a client's list of Tangoe's support requests while it links onboarded tickets. */
  @IntegerSetting(0, DAY_MS) TANGOE_INDEX_TTL_MS = 60_000;

  // The outbound-notifier.

  /** The consumer group of an extra notifier (the Helm chart's adapterConsumers). Unset: `outbound-notifier`. */
  @IsOptional() @Matches(KAFKA_NAME, { message: 'CONSUMER_GROUP may only hold letters, digits, ".", "_" and "-"' }) CONSUMER_GROUP?: string;
  /** Deliveries in parallel per replica, the idle wait between two looks for due ones, and each call's timeout. */
  @IntegerSetting(1, 64) DELIVERY_LANES = 4;
  @IntegerSetting(1, 60_000) DELIVERY_POLL_MS = 100;
  @IntegerSetting(100, 600_000) DELIVERY_TIMEOUT_MS = 10_000;
  /** Multiplies the delivery retry schedule (tests run it at 1/1000). */
  @NumberSetting(0.000_001, 1_000) DELIVERY_TIME_SCALE = 1;
}

/** The settings of an environment; a `SettingsError` naming each bad variable, a secret's value hidden. */
export function loadServiceSettings(env: Environment): ServiceSettings {
  return loadSettings(ServiceSettings, env, 'service settings');
}

/** The settings of this process's environment: the one place a service reads it. */
export function readServiceSettings(): ServiceSettings {
  return loadServiceSettings(process.env);
}
