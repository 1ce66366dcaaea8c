import 'reflect-metadata';
import { PlatformError } from './platform.error';
import { loadServiceSettings } from './service-settings';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadServiceSettings(env);
    return [];
  } catch (error) {
    if (!(error instanceof PlatformError) || error.code !== 'invalid_settings') throw error;
    return error.problems;
  }
};

describe('service settings', () => {
  it('reads the polling settings as numbers', () => {
    expect(loadServiceSettings({ POLL_INTERVAL_MS: '300', POLL_PAGE_SIZE: '999', POLL_ENABLED: 'false' })).toMatchObject({ POLL_INTERVAL_MS: 300, POLL_PAGE_SIZE: 999, POLL_ENABLED: 'false' });
  });

  it('refuses a bad one with a message naming it', () => {
    expect(problemsOf({ POLL_PAGE_SIZE: '1000' }).join(' ')).toContain('POLL_PAGE_SIZE');
    expect(problemsOf({ POLL_INTERVAL_MS: 'soon' }).join(' ')).toContain('POLL_INTERVAL_MS');
    expect(problemsOf({ POLL_ENABLED: 'yes' }).join(' ')).toContain('POLL_ENABLED');
    expect(problemsOf({ DATABASE_URL: 'mysql://user:hunter2@db' })).toEqual([expect.not.stringContaining('hunter2')]);
  });
});
