import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ApiError, type FieldError } from './api-error.js';

/** `fields.0.name` → `fields[0].name`, the path notation of SPEC §0. */
function joinPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const path = joinPath(parent, error.property);
    for (const message of Object.values(error.constraints ?? {})) {
      out.push({ field: path, message: message.replace(/^property /, '') });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, path));
  }
  return out;
}

/**
 * The one validation pipe: whitelisting with unknown fields rejected, transformation on, and a 422
 * `validation_error` in the SPEC §0 shape. A missing body validates as `{}` so that required
 * fields are named instead of a bare 400.
 */
export class AppValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      forbidUnknownValues: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => {
        const fields = flattenValidationErrors(errors);
        const detail =
          fields.length === 1
            ? `${fields[0].field}: ${fields[0].message}`
            : `${fields.length} fields are invalid.`;
        return ApiError.validation(fields, detail);
      },
    });
  }

  override async transform(
    value: unknown,
    metadata: Parameters<ValidationPipe['transform']>[1],
  ): Promise<unknown> {
    if (metadata.type === 'body' && (value === undefined || value === null)) value = {};
    if (
      metadata.type === 'body' &&
      (typeof value !== 'object' || Array.isArray(value)) &&
      metadata.metatype &&
      this.isClass(metadata.metatype)
    ) {
      throw new ApiError(422, 'validation_error', 'The request body must be a JSON object.', {
        errors: [{ field: '', message: 'must be a JSON object' }],
      });
    }
    return super.transform(value, metadata);
  }

  private isClass(metatype: unknown): boolean {
    return (
      typeof metatype === 'function' && ![String, Boolean, Number, Array, Object].includes(metatype as never)
    );
  }
}
