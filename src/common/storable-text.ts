/**
 * PostgreSQL text cannot hold U+0000, and an unpaired UTF-16 surrogate is not a character at all (it
 * has no UTF-8 form): either would make the database refuse the statement. A JSON body can carry both
 * as escapes (`\u0000`, `\ud800`); they are refused up front (422), never sent to the database.
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The field error for such a string. */
export const UNSTORABLE_MESSAGE =
  'must not contain U+0000 or an unpaired surrogate (\\u0000, \\ud800–\\udfff): not storable text';

const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

/** Whether a string can be stored as PostgreSQL text. */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/**
 * The path (`filters.grade`, `records[2].name`) of the first string, key or value, in a parsed JSON value
 * that PostgreSQL cannot store; null when there is none.
 */
export function findUnstorable(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path || '(body)';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorable(value[i], `${path}[${i}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (!isStorableText(key)) return at.replace(UNSTORABLE_ALL, '\ufffd');
      const found = findUnstorable(item, at);
      if (found !== null) return found;
    }
  }
  return null;
}
