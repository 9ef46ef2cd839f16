/**
 * Limits and checks on client JSON that class-transformer and recursive code would otherwise trip on.
 */

/** Objects and arrays nest at most this deep in a body or an uploaded row (Elasticsearch allows 20). */
export const MAX_JSON_DEPTH = 32;

/** Whether `value` nests objects and arrays deeper than `max` levels (it stops looking past `max`). */
export function nestsDeeperThan(value: unknown, max = MAX_JSON_DEPTH): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (max <= 0) return true;
  const items = Array.isArray(value) ? value : Object.values(value);
  for (const item of items) if (nestsDeeperThan(item, max - 1)) return true;
  return false;
}

/** The field error for a number JSON.parse turned into ±Infinity. */
export const NON_FINITE_MESSAGE =
  'must be a finite number: this one is beyond what a JSON number (a 64-bit float, up to ~1.8e308) holds';

/**
 * Whether a JSON text may hold a number too large for a double (`1e400`, `-4E+999`, 309 digits and
 * more), which JSON.parse silently turns into ±Infinity (and JSON.stringify then into `null`): only
 * such texts need `findNonFinite`'s walk. With an exponent of at most two digits (≤ 99) a number
 * overflows only past 210 integer digits. A match inside a string only costs the walk.
 */
export function mayOverflow(text: string): boolean {
  return /\d[eE]\+?\d{3}|\d{210}/.test(text);
}

/** The path (`collection_data.price`, `records[2].n`) of the first ±Infinity in a parsed JSON value; null when none. */
export function findNonFinite(value: unknown, path = ''): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path || '(body)';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNonFinite(value[i], `${path}[${i}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findNonFinite(item, path ? `${path}.${key}` : key);
      if (found !== null) return found;
    }
  }
  return null;
}

/** A JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const FREE_FORM = Symbol('cistern:free-form-json');

/**
 * Marks a DTO property whose value is free-form client JSON (`collection_data`, `filters`, `records`):
 * AppValidationPipe validates it, but hands it to the handler exactly as parsed. class-transformer would
 * copy it key by key and silently drop keys named like Object.prototype members (`constructor`,
 * `toString`, `valueOf`…), which are ordinary data here.
 */
export function FreeFormJson(): PropertyDecorator {
  return (target, property) => {
    const ctor = target.constructor as unknown as { [FREE_FORM]?: string[] };
    // Its own list, or a copy of the parent class's to extend (a base class is decorated first).
    ctor[FREE_FORM] = [...(ctor[FREE_FORM] ?? []), String(property)];
  };
}

/** The free-form properties of a DTO class (inherited ones included). */
export function freeFormProperties(metatype: unknown): readonly string[] {
  return (metatype as { [FREE_FORM]?: string[] } | undefined)?.[FREE_FORM] ?? [];
}
