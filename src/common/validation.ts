import {
  createParamDecorator,
  ValidationPipe,
  type ExecutionContext,
  type ValidationError,
} from '@nestjs/common';
import { ApiError, type FieldError } from './api-error.js';
import { freeFormProperties, isJsonObject } from './json-shape.js';
import { nestedShapeErrors, withShapeErrors } from './nested-shape.js';
import { nullFieldErrors } from './null-fields.js';

/** `fields.0.name` → `fields[0].name`, the path notation of rules §0. */
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

function validationFailure(fields: FieldError[]): ApiError {
  const detail =
    fields.length === 1 ? `${fields[0].field}: ${fields[0].message}` : `${fields.length} fields are invalid.`;
  return ApiError.validation(fields, detail);
}

/**
 * The one validation pipe: whitelisting with unknown fields rejected, transformation on, and a 422
 * `validation_error` in the rules §0 shape. A missing body validates as `{}` so that required
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
      exceptionFactory: (errors) => validationFailure(flattenValidationErrors(errors)),
    });
  }

  override async transform(
    value: unknown,
    metadata: Parameters<ValidationPipe['transform']>[1],
  ): Promise<unknown> {
    // No body at all validates as `{}` (required fields are then named); a JSON `null` is a body that
    // is not an object, like `[]` or `1`.
    if (metadata.type === 'body' && value === undefined) value = {};
    if (
      metadata.type === 'body' &&
      (value === null || typeof value !== 'object' || Array.isArray(value)) &&
      metadata.metatype &&
      this.isClass(metadata.metatype)
    ) {
      throw new ApiError(422, 'validation_error', 'The request body must be a JSON object.', {
        errors: [{ field: '', message: 'must be a JSON object' }],
      });
    }
    if (!metadata.metatype || !this.isClass(metadata.metatype) || !isJsonObject(value)) {
      return super.transform(value, metadata);
    }
    // null only where the OpenAPI says nullable (./null-fields.ts), before class-validator's
    // @IsOptional could take it for an absent property.
    if (metadata.type === 'body') {
      const nulls = nullFieldErrors(value, metadata.metatype);
      if (nulls.length > 0) throw validationFailure(nulls);
    }
    const free = freeFormProperties(metadata.metatype);
    // class-transformer skips keys named like Object.prototype members (`constructor`, `toString`…)
    // without a word, so whitelisting never sees them: they are refused here, except inside free-form data.
    const reserved = reservedKeyPath(value, free);
    if (reserved !== null) {
      throw ApiError.validation(
        [{ field: reserved, message: `${reserved.split('.').pop()} should not exist` }],
        `${reserved}: should not exist`,
      );
    }
    if (free.length === 0) return super.transform(value, metadata);
    // Free-form values are validated through stand-ins of the same kind (an object for an object, a list
    // of as many objects), then handed over exactly as parsed.
    const standIns: Record<string, unknown> = { ...value };
    for (const property of free) {
      if (property in value) standIns[property] = standIn(value[property]);
    }
    const instance = (await super.transform(standIns, metadata)) as Record<string, unknown>;
    for (const property of free) if (property in value) instance[property] = value[property];
    return instance;
  }

  /** class-validator's rules, plus the shape of nested DTOs (an object where an object belongs). */
  protected override async validate(
    object: object,
    options?: Parameters<ValidationPipe['validate']>[1],
  ): Promise<ValidationError[]> {
    const errors = await super.validate(object, options);
    return withShapeErrors(errors, nestedShapeErrors(object));
  }

  private isClass(metatype: unknown): boolean {
    return (
      typeof metatype === 'function' && ![String, Boolean, Number, Array, Object].includes(metatype as never)
    );
  }
}

function standIn(value: unknown): unknown {
  if (isJsonObject(value)) return {};
  if (Array.isArray(value)) return (value as unknown[]).map((item) => (isJsonObject(item) ? {} : item));
  return value;
}

/** The path of the first key named like an Object.prototype member, outside free-form properties. */
function reservedKeyPath(value: unknown, free: readonly string[], path = ''): string | null {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = reservedKeyPath(value[i], [], `${path}[${i}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (!isJsonObject(value)) return null;
  for (const [key, item] of Object.entries(value)) {
    if (free.includes(key)) continue;
    const at = path ? `${path}.${key}` : key;
    if (key in Object.prototype) return at;
    const found = reservedKeyPath(item, [], at);
    if (found !== null) return found;
  }
  return null;
}

/**
 * For routes that take no body (`POST …/reindex`, `…/block`): an empty body or `{}` passes; anything
 * else is refused like unknown fields anywhere (422), instead of being ignored.
 */
export const NoBody = createParamDecorator((_data: unknown, context: ExecutionContext): undefined => {
  const body: unknown = context.switchToHttp().getRequest<{ body?: unknown }>().body;
  if (body === undefined) return undefined;
  if (!isJsonObject(body)) {
    throw ApiError.validation([{ field: '', message: 'must be empty' }], 'This request takes no body.');
  }
  const fields = Object.keys(body).map((key) => ({ field: key, message: `${key} should not exist` }));
  if (fields.length > 0) throw ApiError.validation(fields, 'This request takes no body.');
  return undefined;
});
