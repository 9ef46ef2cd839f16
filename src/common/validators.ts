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
