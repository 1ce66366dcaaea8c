import 'reflect-metadata';
import { SettingsError, sensitiveSettingsOf } from '@bridge/settings';
import { ServiceSettings, loadServiceSettings } from './service-settings';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadServiceSettings(env);
    return [];
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    return error.problems;
  }
};

describe('service settings', () => {
  it('reads the polling settings as numbers', () => {
    expect(loadServiceSettings({ POLL_INTERVAL_MS: '300', POLL_PAGE_SIZE: '999', POLL_ENABLED: 'false' })).toMatchObject({ POLL_INTERVAL_MS: 300, POLL_PAGE_SIZE: 999, POLL_ENABLED: false });
  });

  it('refuses a bad one with a message naming it', () => {
    expect(problemsOf({ POLL_PAGE_SIZE: '1000' }).join(' ')).toContain('POLL_PAGE_SIZE');
    expect(problemsOf({ POLL_INTERVAL_MS: 'soon' }).join(' ')).toContain('POLL_INTERVAL_MS');
    expect(problemsOf({ POLL_ENABLED: 'yes' }).join(' ')).toContain('POLL_ENABLED');
    expect(problemsOf({ DATABASE_URL: 'mysql://user:hunter2@db' })).toEqual([expect.not.stringContaining('hunter2')]);
  });

  it('has the defaults the services had before their settings were typed', () => {
    expect(loadServiceSettings({})).toMatchObject({
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DATA_DIR: '.data',
      DATABASE_POOL_SIZE: 20,
      RETENTION_INTERVAL_MS: 3_600_000,
      RETENTION_DEDUPE_DAYS: 90,
      RETENTION_LOG_DAYS: 30,
      RETENTION_BATCH_SIZE: 5_000,
      CLIENTS_RELOAD_INTERVAL_MS: 0,
      MAX_WEBHOOK_BYTES: 262_144,
      INBOUND_REQUESTS_PER_SECOND: 200,
      RECONCILE_INTERVAL_MS: 300_000,
      RECONCILE_ENABLED: true,
      RECONCILE_PAGE_SIZE: 100,
      RECONCILE_CONCURRENCY: 8,
      POLL_INTERVAL_MS: 30_000,
      POLL_PAGE_SIZE: 100,
      POLL_ENABLED: true,
      GATEWAY_MAX_RETRIES: 6,
      GATEWAY_RETRY_INITIAL_MS: 1_000,
      GATEWAY_LANES: 8,
      GATEWAY_IDLE_POLL_MS: 200,
      TANGOE_INDEX_TTL_MS: 60_000,
      DELIVERY_LANES: 4,
      DELIVERY_POLL_MS: 100,
      DELIVERY_TIMEOUT_MS: 10_000,
      DELIVERY_TIME_SCALE: 1,
    });
  });

  it('refuses a number that is none at start, naming it, rather than reading it as unlimited', () => {
    for (const name of ['MAX_WEBHOOK_BYTES', 'DELIVERY_LANES', 'DELIVERY_POLL_MS', 'DELIVERY_TIMEOUT_MS', 'DELIVERY_TIME_SCALE', 'GATEWAY_MAX_RETRIES', 'GATEWAY_RETRY_INITIAL_MS', 'PORT']) {
      expect(problemsOf({ [name]: 'lots' })).toEqual([expect.stringMatching(new RegExp(`^${name} must`))]);
    }
    expect(() => loadServiceSettings({ DELIVERY_LANES: 'all' })).toThrow(/^invalid service settings: DELIVERY_LANES must be an integer number/);
  });

  it('refuses an admin token shorter than 32 characters at start, saying how to make one, without printing it', () => {
    expect(() => loadServiceSettings({ ADMIN_TOKEN: 'short-but-secret' })).toThrow(/ADMIN_TOKEN must be at least 32 characters \(openssl rand -hex 32/);
    expect(() => loadServiceSettings({ ADMIN_TOKEN: 'short-but-secret' })).not.toThrow(/short-but-secret/);
    expect(loadServiceSettings({ ADMIN_TOKEN: 'x'.repeat(32) }).ADMIN_TOKEN).toHaveLength(32);
  });

  it('marks the secrets, and a settings object printed shows none of them', () => {
    expect([...sensitiveSettingsOf(ServiceSettings)].sort()).toEqual(['ADMIN_TOKEN', 'DATABASE_URL', 'KAFKA_SASL_PASSWORD']);
    const settings = loadServiceSettings({ ADMIN_TOKEN: 'admin-s3cret-0123456789abcdef0123456789', DATABASE_URL: 'postgres://bridge:pg-s3cret@db/bridge', ACME_HOOK: 'client-s3cret', LOG_LEVEL: 'debug' });
    expect(settings.ADMIN_TOKEN).toBe('admin-s3cret-0123456789abcdef0123456789');
    expect(settings.environment.ACME_HOOK).toBe('client-s3cret');
    const printed = JSON.stringify({ settings });
    expect(printed).toContain('"LOG_LEVEL":"debug"');
    for (const secret of ['admin-s3cret', 'pg-s3cret', 'client-s3cret']) expect(printed).not.toContain(secret);
  });
});
