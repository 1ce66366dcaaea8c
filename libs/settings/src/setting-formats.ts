import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNumber, Matches, Max, Min } from 'class-validator';

/** Decorators of the kinds of value settings take: each converts the variable's text and says what it must be. */

/** A whole number in [min, max]; anything else (`10s`, `1.5`, `many`) is refused, never read as unlimited. */
export function IntegerSetting(min: number, max: number): PropertyDecorator {
  return all(Type(() => Number), IsInt(), Min(min), Max(max));
}

/** A number in [min, max], fractions included. */
export function NumberSetting(min: number, max: number): PropertyDecorator {
  return all(Type(() => Number), IsNumber({ allowNaN: false, allowInfinity: false }, { message: ({ property }) => `${property} must be a number` }), Min(min), Max(max));
}

/** `true` or `false`, nothing else. */
export function BooleanSetting(): PropertyDecorator {
  return all(
    Transform(({ obj, key }) => {
      const text: unknown = obj[key];
      return text === 'true' ? true : text === 'false' ? false : text;
    }),
    IsBoolean({ message: ({ property }) => `${property} must be true or false` }),
  );
}

/** An http(s) URL. */
export function UrlSetting(): PropertyDecorator {
  return Matches(/^https?:\/\/[^\s/]+\S*$/, { message: ({ property }) => `${property} must be an http:// or https:// URL` });
}

/** Kafka's bootstrap brokers: `host:port[,host:port…]`. */
export function BrokerListSetting(): PropertyDecorator {
  return Matches(/^[^,\s]+(,[^,\s]+)*$/, { message: ({ property }) => `${property} must be host:port[,host:port…]` });
}

/** A PostgreSQL connection URL; it holds a password, so mark the setting `@Sensitive()` too. */
export function PostgresUrlSetting(): PropertyDecorator {
  return Matches(/^postgres(ql)?:\/\/.+/, { message: ({ property }) => `${property} must be a postgres:// URL` });
}

function all(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, property) => {
    for (const decorator of decorators) decorator(target, property);
  };
}
