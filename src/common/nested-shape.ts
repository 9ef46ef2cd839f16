import { getMetadataStorage, ValidationTypes, type ValidationError } from 'class-validator';

const MESSAGE = 'must be a JSON object';

function isObject(value: unknown): value is object {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Where a nested DTO (`@ValidateNested`) is given something that is not an object. class-validator
 * walks into any array it finds there, so `{"fields":[[{…}]]}` validated the inner object and the
 * handler received a list where a field belongs (stored as a field without name or type), and
 * `rate_limit: [{…}]` passed the same way. Every nested property must be an object, and with `each`
 * every item of its list. Absent and null values are left to `@IsOptional` and the other rules.
 */
export function nestedShapeErrors(instance: object): ValidationError[] {
  const errors: ValidationError[] = [];
  const nested = getMetadataStorage()
    .getTargetValidationMetadatas(instance.constructor, '', true, false)
    .filter((m) => m.type === ValidationTypes.NESTED_VALIDATION);
  const seen = new Set<string>();
  for (const { propertyName, each } of nested) {
    if (seen.has(propertyName)) continue;
    seen.add(propertyName);
    const value = (instance as Record<string, unknown>)[propertyName];
    if (value === undefined) continue;
    if (!each) {
      if (value === null) continue;
      const error = shapeOf(propertyName, value);
      if (error) errors.push(error);
      continue;
    }
    if (!Array.isArray(value)) continue; // @IsArray's to say
    const children = value.flatMap((item: unknown, index) => shapeOf(String(index), item) ?? []);
    if (children.length > 0) errors.push({ property: propertyName, children });
  }
  return errors;
}

function shapeOf(property: string, value: unknown): ValidationError | null {
  if (!isObject(value)) return { property, constraints: { isJsonObject: MESSAGE }, children: [] };
  const children = nestedShapeErrors(value);
  return children.length > 0 ? { property, children } : null;
}

/**
 * class-validator's errors with the shape errors laid over them: where a value is not an object, the
 * shape error replaces class-validator's generic "nested property … must be either object or array"
 * and whatever it found inside the list it walked into; a specific rule's message (`@IsObject`) stays.
 */
export function withShapeErrors(errors: ValidationError[], shape: ValidationError[]): ValidationError[] {
  const merged = [...errors];
  for (const wrong of shape) {
    const at = merged.findIndex((e) => e.property === wrong.property);
    if (at < 0) {
      merged.push(wrong);
      continue;
    }
    const existing = merged[at];
    if (wrong.constraints) {
      const specific = Object.fromEntries(
        Object.entries(existing.constraints ?? {}).filter(
          ([name]) => name !== ValidationTypes.NESTED_VALIDATION,
        ),
      );
      merged[at] = {
        ...existing,
        constraints: Object.keys(specific).length > 0 ? specific : wrong.constraints,
        children: [],
      };
    } else {
      merged[at] = { ...existing, children: withShapeErrors(existing.children ?? [], wrong.children ?? []) };
    }
  }
  return merged;
}
