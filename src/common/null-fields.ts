import type { FieldError } from './api-error.js';
import { freeFormProperties, isJsonObject } from './json-shape.js';

/**
 * The one rule for JSON `null` in request bodies: a property takes `null` only where its @ApiProperty
 * says `nullable: true` (and then null has the meaning its description gives, such as "remove the
 * limit"); anywhere else null is refused with 422 "must not be null" naming the property. Without this,
 * class-validator's @IsOptional let null through as if the property were absent (a rotation with
 * `grace_period_seconds: null` got grace 0) and properties without it compared with null (search
 * `record_type: null` matched nothing). Reading the OpenAPI metadata itself keeps the document and the
 * behaviour from drifting apart.
 */

/** Where @nestjs/swagger keeps @ApiProperty options (its DECORATORS constants, not exported by the package). */
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';
const API_MODEL_PROPERTIES_ARRAY = 'swagger/apiModelPropertiesArray';

interface PropertyMetadata {
  nullable?: boolean;
  type?: unknown;
}

type Constructor = abstract new (...args: never[]) => unknown;

/** The DTO class a property holds (a nested DTO or a list of them), when it is one. */
function nestedDto(type: unknown): Constructor | null {
  let candidate = Array.isArray(type) ? (type as unknown[])[0] : type;
  // `type: () => Dto` (lazy, arrow functions have no prototype) as opposed to `type: Dto`.
  if (typeof candidate === 'function' && !(candidate as { prototype?: unknown }).prototype) {
    candidate = (candidate as () => unknown)();
    if (Array.isArray(candidate)) candidate = (candidate as unknown[])[0];
  }
  if (typeof candidate !== 'function') return null;
  const properties: unknown = Reflect.getMetadata(
    API_MODEL_PROPERTIES_ARRAY,
    (candidate as Constructor).prototype as object,
  );
  return Array.isArray(properties) ? (candidate as Constructor) : null;
}

function metadataOf(dto: Constructor, property: string): PropertyMetadata | undefined {
  return Reflect.getMetadata(API_MODEL_PROPERTIES, dto.prototype as object, property) as
    PropertyMetadata | undefined;
}

function joinPath(parent: string, property: string): string {
  return parent ? `${parent}.${property}` : property;
}

/**
 * Every property of `value` (a body about to be validated as `dto`) that is null where the DTO does not
 * declare it nullable, nested DTOs included (`rate_limit.requests_per_minute`, `fields[0].name`).
 * Free-form JSON (`collection_data`, `filters`, `records`) is data: only the property itself is checked,
 * not what it holds. Unknown properties are left to whitelisting.
 */
export function nullFieldErrors(value: unknown, dto: Constructor, parent = ''): FieldError[] {
  if (!isJsonObject(value)) return [];
  const free = freeFormProperties(dto);
  const errors: FieldError[] = [];
  for (const [property, item] of Object.entries(value)) {
    const metadata = metadataOf(dto, property);
    if (metadata === undefined) continue;
    const path = joinPath(parent, property);
    if (item === null) {
      if (metadata.nullable !== true) errors.push({ field: path, message: 'must not be null' });
      continue;
    }
    if (free.includes(property)) continue;
    const nested = nestedDto(metadata.type);
    if (nested === null) continue;
    if (Array.isArray(item)) {
      item.forEach((element, index) => {
        if (element === null) errors.push({ field: `${path}[${index}]`, message: 'must not be null' });
        else errors.push(...nullFieldErrors(element, nested, `${path}[${index}]`));
      });
    } else {
      errors.push(...nullFieldErrors(item, nested, path));
    }
  }
  return errors;
}
