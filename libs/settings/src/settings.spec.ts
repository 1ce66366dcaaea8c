import 'reflect-metadata';
import { inspect } from 'node:util';
import { IsOptional, IsString } from 'class-validator';
import { BridgeError } from '@bridge/errors';
import { BooleanSetting, IntegerSetting, NumberSetting, UrlSetting } from './setting-formats';
import { Sensitive, Settings, SettingsError, loadSettings, sensitiveSettingsOf, settingNamesOf } from './settings';

class ExampleSettings extends Settings {
  @IntegerSetting(1, 64) LANES = 4;
  @NumberSetting(0.001, 10) SCALE = 1;
  @BooleanSetting() ENABLED = true;
  @IsOptional() @UrlSetting() PEER_URL?: string;
  @IsOptional() @IsString() @Sensitive() TOKEN?: string;
}

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadSettings(ExampleSettings, env, 'example settings');
    return [];
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    return error.problems;
  }
};

describe('settings', () => {
  it('fail with a BridgeError of their own code, never retriable, with no value in it', () => {
    let thrown: unknown;
    try {
      loadSettings(ExampleSettings, { LANES: '0', TOKEN: '' }, 'example settings');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BridgeError);
    expect(thrown).toMatchObject({ name: 'SettingsError', code: 'invalid_settings', retriable: false });
    expect('cause' in (thrown as object)).toBe(false);
    const cause = new Error('the file could not be read');
    expect(new SettingsError('example settings', ['LANES is missing'], cause).cause).toBe(cause);
  });

  it('take their defaults for what is unset or empty', () => {
    const settings = loadSettings(ExampleSettings, { LANES: '' }, 'example settings');
    expect(settings).toMatchObject({ LANES: 4, SCALE: 1, ENABLED: true });
    expect([settings.PEER_URL, settings.TOKEN]).toEqual([undefined, undefined]);
  });

  it('read numbers, booleans and text from the variables', () => {
    expect(loadSettings(ExampleSettings, { LANES: '8', SCALE: '0.001', ENABLED: 'false', PEER_URL: 'http://127.0.0.1:3000', TOKEN: 't' }, 'example settings')).toMatchObject({
      LANES: 8,
      SCALE: 0.001,
      ENABLED: false,
      PEER_URL: 'http://127.0.0.1:3000',
      TOKEN: 't',
    });
  });

  it('refuse what is no value of the setting, naming the variable, never reading it as unlimited or off', () => {
    expect(problemsOf({ LANES: 'many' })).toEqual(['LANES must be an integer number']);
    expect(problemsOf({ LANES: '1.5' })).toEqual([expect.stringContaining('LANES')]);
    expect(problemsOf({ LANES: '0' })).toEqual([expect.stringContaining('LANES must not be less than 1')]);
    expect(problemsOf({ SCALE: 'fast' })).toEqual(['SCALE must be a number']);
    expect(problemsOf({ ENABLED: 'no' })).toEqual(['ENABLED must be true or false']);
    expect(problemsOf({ PEER_URL: 'ingress:3000' })).toEqual(['PEER_URL must be an http:// or https:// URL']);
    expect(() => loadSettings(ExampleSettings, { LANES: 'x', ENABLED: 'y' }, 'example settings')).toThrow(/^invalid example settings: LANES .*; ENABLED must be true or false$/);
  });

  it('keep the environment they were read from, frozen and out of sight', () => {
    const settings = loadSettings(ExampleSettings, { LANES: '2', ACME_SECRET: 's3cret' }, 'example settings');
    expect(settings.environment).toEqual({ LANES: '2', ACME_SECRET: 's3cret' });
    expect(Object.isFrozen(settings.environment)).toBe(true);
    expect(Object.keys(settings)).not.toContain('environment');
    expect(JSON.stringify(settings)).not.toContain('s3cret');
  });

  it('never show a secret: not in an error, a JSON line or an inspection', () => {
    class Strict extends Settings {
      @IsOptional() @IntegerSetting(1, 2) @Sensitive() PIN?: number;
    }
    expect(() => loadSettings(Strict, { PIN: 'hunter2' }, 'strict settings')).toThrow('PIN is invalid (value hidden)');
    expect(() => loadSettings(Strict, { PIN: 'hunter2' }, 'strict settings')).not.toThrow(/hunter2/);
    const settings = loadSettings(ExampleSettings, { TOKEN: 'hunter2' }, 'example settings');
    expect(JSON.stringify(settings)).not.toContain('hunter2');
    expect(JSON.parse(JSON.stringify(settings))).toMatchObject({ TOKEN: '[redacted]', LANES: 4 });
    expect(inspect(settings)).not.toContain('hunter2');
  });

  it('know their names and which are secret', () => {
    expect(settingNamesOf(ExampleSettings).sort()).toEqual(['ENABLED', 'LANES', 'PEER_URL', 'SCALE', 'TOKEN']);
    expect([...sensitiveSettingsOf(ExampleSettings)]).toEqual(['TOKEN']);
  });
});
