import { registerDecorator, type ValidationOptions } from 'class-validator';

/** bcrypt reads only the first 72 bytes of a password: longer ones are refused, not truncated. */
export function MaxBytes(max: number, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'maxBytes',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `$property must be at most ${max} bytes`, ...options },
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || Buffer.byteLength(value) <= max,
      },
    });
}

/** RFC 3339 / ISO 8601 extended calendar form: a date, optionally with a time and a zone. */
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** A `YYYY-MM-DD` that exists (Date.parse rolls `2030-02-30` over into March). */
function isCalendarDate(day: string): boolean {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * A date or date-time in ISO 8601's extended calendar form (`2030-01-01`, `2030-01-01T12:00:00Z`,
 * `…+02:00`) that is also a real instant. class-validator's IsISO8601 also passes week dates, ordinal
 * dates and basic forms (`2030-W01`, `2030-365`, `20300101`) that JavaScript's Date cannot read: those
 * reached the database as an invalid date (500).
 */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: '$property must be an ISO 8601 date-time such as 2030-01-01T00:00:00Z',
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          INSTANT.test(value) &&
          !Number.isNaN(Date.parse(value)) &&
          isCalendarDate(value.slice(0, 10)),
      },
    });
}
