import { registerDecorator, type ValidationOptions } from 'class-validator';
import { normalizeDate } from './dates.js';

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

/**
 * A date or date-time as record dates take them (`normalizeDate`: `2030-01-01`, `2030-01-01T12:00:00Z`,
 * `…+02:00`) that JavaScript's Date also reads. class-validator's IsISO8601 also passes week dates,
 * ordinal dates and basic forms (`2030-W01`, `2030-365`, `20300101`) that Date cannot read: those
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
          typeof value === 'string' && normalizeDate(value) !== null && !Number.isNaN(Date.parse(value)),
      },
    });
}
