import { inspect } from 'node:util';
import { plainToInstance } from 'class-transformer';
import { ValidationError, getMetadataStorage, validateSync } from 'class-validator';
// By path, not @bridge/errors: the integration tests' globalSetup loads these settings, and Jest maps no alias there.
import { BridgeError } from '../../errors/src';

/** An environment as a process has it: names to values, any of them unset. */
export type Environment = Readonly<Record<string, string | undefined>>;

const sensitiveByPrototype = new WeakMap<object, Set<string>>();

/** Marks a setting that holds a secret: its value is never in an error, a log line or a settings object printed. */
export function Sensitive(): PropertyDecorator {
  return (prototype, property) => {
    const names = sensitiveByPrototype.get(prototype) ?? new Set<string>();
    names.add(String(property));
    sensitiveByPrototype.set(prototype, names);
  };
}

/** The settings of a class marked `@Sensitive()`, its base classes' included. */
export function sensitiveSettingsOf(type: Function): ReadonlySet<string> {
  const names = new Set<string>();
  for (let prototype = type.prototype; prototype && prototype !== Object.prototype; prototype = Object.getPrototypeOf(prototype)) {
    for (const name of sensitiveByPrototype.get(prototype) ?? []) names.add(name);
  }
  return names;
}

/** Every setting of a class: each property that carries a validation (every setting does, `@IsOptional()` at least). */
export function settingNamesOf(type: Function): string[] {
  return [...new Set(getMetadataStorage().getTargetValidationMetadatas(type, '', true, false).map((metadata) => metadata.propertyName))];
}

/**
 * What a component reads from its environment, typed and validated once, when it starts (DESIGN.md §6). Printed
 * (a log line, JSON, `console.log`), it shows every setting but a secret's value.
 */
export abstract class Settings {
  /**
   * The whole environment the settings were read from, frozen: where a clients file's `${NAME}` and `{ env: NAME }`
   * resolve. Not a setting, and kept out of what a settings object prints, since it holds the clients' secrets.
   */
  declare readonly environment: Environment;

  toJSON(): Record<string, unknown> {
    const hidden = sensitiveSettingsOf(this.constructor);
    const values = this as unknown as Record<string, unknown>;
    return Object.fromEntries(settingNamesOf(this.constructor).map((name) => [name, hidden.has(name) && values[name] !== undefined ? '[redacted]' : values[name]]));
  }

  [inspect.custom](): Record<string, unknown> {
    return this.toJSON();
  }
}

/** The one way settings fail: a variable's value does not pass its setting's validation. */
export type SettingsErrorCode = 'invalid_settings';

/** Never retriable: the environment must change first. */
export class SettingsError extends BridgeError<SettingsErrorCode> {
  constructor(
    what: string,
    /** What is wrong, one entry a variable (a secret's value hidden). */
    readonly problems: string[],
    /** Never class-validator's errors: they hold the values, a secret's among them. */
    cause?: unknown,
  ) {
    super('invalid_settings', `invalid ${what}: ${problems.join('; ')}`, { retriable: false, cause });
  }
}

/**
 * Reads the settings of `type` from an environment and validates them: a bad value throws a `SettingsError` naming
 * the variable (a secret's value hidden). An unset or empty variable takes the setting's default. Variables that
 * are no setting of `type` are left alone.
 */
export function loadSettings<T extends Settings>(type: new () => T, env: Environment, what: string): T {
  const present: Record<string, string> = {};
  for (const name of settingNamesOf(type)) {
    const value = env[name];
    if (value !== undefined && value !== '') present[name] = value;
  }
  const settings = plainToInstance(type, present, { exposeDefaultValues: true });
  const errors = validateSync(settings, { whitelist: true, stopAtFirstError: true });
  if (errors.length > 0) throw new SettingsError(what, errors.map((error) => problemOf(error, sensitiveSettingsOf(type))));
  Object.defineProperty(settings, 'environment', { value: Object.freeze({ ...env }), enumerable: false });
  return settings;
}

function problemOf(error: ValidationError, sensitive: ReadonlySet<string>): string {
  const messages = Object.values(error.constraints ?? {}).join(', ');
  return sensitive.has(error.property) ? `${error.property} is invalid (value hidden): ${messages}` : messages;
}
