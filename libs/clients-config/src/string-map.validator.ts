import { ValidationArguments, registerDecorator } from 'class-validator';

/** An object of string values, optionally each one of `allowed`: the shape of every lookup table in the file. */
export function IsStringMap(allowed?: readonly string[]) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isStringMap',
      target: target.constructor,
      propertyName,
      validator: {
        validate(value: unknown) {
          if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
          return Object.values(value).every((v) => typeof v === 'string' && (!allowed || allowed.includes(v)));
        },
        defaultMessage(args: ValidationArguments) {
          const value = args.value as Record<string, unknown> | undefined;
          const bad = value && typeof value === 'object' ? Object.entries(value).find(([, v]) => typeof v !== 'string' || (allowed && !allowed.includes(v))) : undefined;
          if (!allowed || !bad) return `${args.property} must map names to strings`;
          return `${args.property}.${bad[0]} must be one of: ${allowed.join(', ')}`;
        },
      },
    });
}
