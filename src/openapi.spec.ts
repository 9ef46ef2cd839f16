import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { getMetadataStorage, IS_INT, MATCHES } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata.js';
// Every controller and DTO of the API, so that their decorators have run.
import './app.module.js';

/** @nestjs/swagger's metadata key for `@ApiProperty()` options (DECORATORS.API_MODEL_PROPERTIES). */
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';
const API_MODEL_PROPERTIES_ARRAY = 'swagger/apiModelPropertiesArray';

/**
 * Every validation rule class-validator holds, by class. The storage offers no public way to list its
 * classes (only the rules of a class one names), hence the private field; the test fails loudly, not
 * silently, if a release renames it.
 */
function validatedClasses(): Map<Function, ValidationMetadata[]> {
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<Function, ValidationMetadata[]>;
  };
  expect(storage.validationMetadatas).toBeInstanceOf(Map);
  return storage.validationMetadatas;
}

/** The `@ApiProperty()` options of a property, or undefined when the class is not an API DTO. */
function documented(target: Function, property: string): { type?: unknown; pattern?: unknown } | undefined {
  const proto = target.prototype as object;
  if (!Reflect.getMetadata(API_MODEL_PROPERTIES_ARRAY, proto)) return undefined;
  return (Reflect.getMetadata(API_MODEL_PROPERTIES, proto, property) ?? {}) as {
    type?: unknown;
    pattern?: unknown;
  };
}

describe('openapi.json says what the validation enforces', () => {
  it('documents every @IsInt() property of an API DTO as `type: integer`, not `number`', () => {
    const checked: string[] = [];
    const drift: string[] = [];
    for (const [target, rules] of validatedClasses()) {
      for (const rule of rules.filter((r) => r.name === IS_INT)) {
        // Classes that are not API DTOs (the env config) have no @ApiProperty at all.
        const options = documented(target, rule.propertyName);
        if (!options) continue;
        const where = `${target.name}.${rule.propertyName}`;
        checked.push(where);
        const type = typeof options.type === 'function' ? options.type.name : String(options.type);
        if (type !== 'integer') drift.push(`${where}: type ${type}`);
      }
    }
    expect(drift).toEqual([]);
    // The list and search limits, key rotation and usage days, rate limits, security settings, …
    expect(checked.length).toBeGreaterThanOrEqual(12);
  });

  it('documents the regex of every @Matches() property of an API DTO as its `pattern`', () => {
    const checked: string[] = [];
    const drift: string[] = [];
    for (const [target, rules] of validatedClasses()) {
      for (const rule of rules.filter((r) => r.name === MATCHES)) {
        const options = documented(target, rule.propertyName);
        if (!options) continue;
        const where = `${target.name}.${rule.propertyName}`;
        checked.push(where);
        const regex = (rule.constraints as unknown[])[0] as RegExp;
        if (options.pattern !== regex.source)
          drift.push(`${where}: pattern ${String(options.pattern)}, enforced ${regex.source}`);
      }
    }
    expect(drift).toEqual([]);
    // Collection and record-type names, blank names and queries, schema field names, cursor, period.
    expect(checked.length).toBeGreaterThanOrEqual(14);
  });
});
