import fc from 'fast-check';
import { resolve, type Schema } from './openapi.js';

/**
 * Generators derived from the OpenAPI schemas: values valid by schema, and single mutations that make a
 * valid value invalid by schema (one rule broken at one place, so a 2xx names the rule it slipped past).
 */

/** Every URL the suite sends points at a closed loopback port: the server may try to deliver to it. */
export const LOOPBACK_URLS = ['http://127.0.0.1:9/hook', 'https://127.0.0.1:9/fuzz?x=1', 'http://[::1]:9/h'];

const MAX_DEPTH = 4;

function isUrlField(name: string | undefined): boolean {
  return Boolean(name && /url$/i.test(name));
}

function stringArb(schema: Schema, name?: string): fc.Arbitrary<string> {
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as string[]));
  if (isUrlField(name)) return fc.constantFrom(...LOOPBACK_URLS);
  switch (schema.format) {
    case 'uuid':
      return fc.uuid({ version: 4 });
    case 'date-time':
      return fc
        .oneof(
          fc.integer({ min: 1, max: 400 * 24 }).map((hours) => Date.now() + hours * 3_600_000),
          fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }),
        )
        .map((ms) => new Date(ms).toISOString());
    case 'date':
      return fc
        .integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) })
        .map((ms) => new Date(ms).toISOString().slice(0, 10));
    case 'email':
      return fc.oneof(
        fc.uuid({ version: 4 }).map((u) => `fuzz-${u}@example.test`),
        fc.emailAddress({ size: 'small' }),
      );
    default:
      break;
  }
  const min = (schema.minLength as number | undefined) ?? 0;
  const max = (schema.maxLength as number | undefined) ?? 60;
  const options: fc.Arbitrary<string>[] = [
    fc.string({ minLength: min, maxLength: Math.min(max, 30) }),
    fc.string({
      unit: 'grapheme',
      minLength: min,
      maxLength: Math.max(min, Math.min(Math.floor(max / 8), 12)),
    }),
    fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/).filter((s) => s.length >= min && s.length <= max),
  ];
  if (schema.maxLength !== undefined) options.push(fc.constant('a'.repeat(max)));
  if (typeof schema.example === 'string') options.push(fc.constant(schema.example));
  return fc.oneof(...options);
}

function numberArb(schema: Schema): fc.Arbitrary<number> {
  const integer = schema.type === 'integer';
  const min = (schema.minimum as number | undefined) ?? -1_000_000;
  const max = (schema.maximum as number | undefined) ?? 1_000_000;
  const ints = fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  const bounds = fc.constantFrom(...new Set([Math.ceil(min), Math.floor(max)]));
  if (integer) return fc.oneof(ints, bounds);
  return fc.oneof(ints, bounds, fc.double({ min, max, noNaN: true, noDefaultInfinity: true }));
}

/** Any JSON value, small: what free-form objects (collection_data) may hold. */
export const jsonLeaf = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const freeObject = fc.dictionary(
  fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/),
  fc.oneof(jsonLeaf, fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 })),
  { maxKeys: 4 },
);

/** A value valid by the schema. `name` is the property name (URL fields get loopback URLs). */
export function validValue(raw: Schema | undefined, name?: string, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(raw);
  const value = validNonNull(schema, name, depth);
  return schema.nullable === true ? fc.oneof(value, fc.constant(null)) : value;
}

function validNonNull(schema: Schema, name: string | undefined, depth: number): fc.Arbitrary<unknown> {
  if (Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf)) {
    const branches = (schema.oneOf ?? schema.anyOf) as Schema[];
    return fc.oneof(...branches.map((b) => validValue(b, name, depth + 1)));
  }
  switch (schema.type) {
    case 'string':
      return stringArb(schema, name);
    case 'number':
    case 'integer':
      return numberArb(schema);
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const minLength = (schema.minItems as number | undefined) ?? 0;
      const maxLength = Math.min((schema.maxItems as number | undefined) ?? 4, minLength + 4);
      if (depth >= MAX_DEPTH) return fc.constant([]);
      return fc.array(validValue(schema.items as Schema, name, depth + 1), { minLength, maxLength });
    }
    case 'object':
    case undefined: {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      if (Object.keys(properties).length === 0) {
        if (schema.additionalProperties === true || schema.additionalProperties === undefined)
          return freeObject;
        return fc.dictionary(
          fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/),
          validValue(schema.additionalProperties as Schema, undefined, depth + 1),
          { maxKeys: 3 },
        );
      }
      const required = (schema.required ?? []) as string[];
      const shape: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, child] of Object.entries(properties)) shape[key] = validValue(child, key, depth + 1);
      return fc.record(shape, { requiredKeys: required });
    }
    default:
      return fc.constant(null);
  }
}

// ---------- invalid by schema: one mutation ----------

export type MutationKind =
  | 'missing-required'
  | 'extra-property'
  | 'wrong-type'
  | 'null'
  | 'array-for-object'
  | 'too-long'
  | 'too-short'
  | 'too-many'
  | 'too-few'
  | 'above-maximum'
  | 'below-minimum'
  | 'not-integer'
  | 'bad-enum'
  | 'bad-format';

export interface Mutation {
  kind: MutationKind;
  /** Where, e.g. `body.fields[0].type` or `query.limit`. */
  at: string;
  /** Whether the broken place sits inside an array element (defect 3 is about those). */
  insideArray: boolean;
  apply<T>(root: T): T;
}

type Path = (string | number)[];

function setAt<T>(root: T, path: Path, change: (old: unknown) => unknown): T {
  if (path.length === 0) return change(root) as T;
  const clone: any = Array.isArray(root) ? [...(root as unknown[])] : { ...(root as object) }; // structural copy of a JSON value
  const [head, ...rest] = path;
  if (rest.length === 0) {
    const next = change(clone[head]);
    if (next === DELETE) delete clone[head];
    else clone[head] = next;
  } else clone[head] = setAt(clone[head], rest, change);
  return clone as T;
}
const DELETE = Symbol('delete');

function label(prefix: string, path: Path): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : `${acc}.${p}`), prefix);
}

/** Every single-place mutation that makes `value` (valid by `raw`) invalid by it. */
export function mutations(
  raw: Schema,
  value: unknown,
  prefix: string,
  path: Path = [],
  inArray = false,
): Mutation[] {
  const schema = resolve(raw);
  const out: Mutation[] = [];
  const add = (
    kind: MutationKind,
    change: (old: unknown) => unknown,
    at: Path = path,
    insideArray = inArray,
  ) => out.push({ kind, at: label(prefix, at), insideArray, apply: (root) => setAt(root, at, change) });

  if (value === null || value === undefined) return out;
  if (schema.nullable !== true) add('null', () => null);
  if (Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf)) return out;

  switch (schema.type) {
    case 'string': {
      add('wrong-type', () => 12345);
      if (Array.isArray(schema.enum)) add('bad-enum', () => 'fuzz_not_a_value');
      if (typeof schema.maxLength === 'number') add('too-long', () => 'x'.repeat(schema.maxLength + 1));
      if (typeof schema.minLength === 'number' && schema.minLength > 0) add('too-short', () => '');
      if (schema.format === 'uuid') add('bad-format', () => 'not-a-uuid');
      if (schema.format === 'date-time') add('bad-format', () => '2024-13-45T99:00:00Z');
      if (schema.format === 'email') add('bad-format', () => 'not-an-email');
      break;
    }
    case 'number':
    case 'integer': {
      add('wrong-type', () => 'twelve');
      if (typeof schema.maximum === 'number') add('above-maximum', () => schema.maximum + 1);
      if (typeof schema.minimum === 'number') add('below-minimum', () => schema.minimum - 1);
      if (schema.type === 'integer') add('not-integer', () => 1.5);
      break;
    }
    case 'boolean':
      add('wrong-type', () => 1);
      add('wrong-type', () => 'true');
      break;
    case 'array': {
      add('wrong-type', () => ({ fuzz: 1 }));
      const items = value as unknown[];
      if (typeof schema.maxItems === 'number' && items.length > 0)
        add('too-many', () => Array.from({ length: schema.maxItems + 1 }, () => items[0]));
      if (typeof schema.minItems === 'number' && schema.minItems > 0) add('too-few', () => []);
      items.forEach((item, i) =>
        out.push(...mutations(schema.items as Schema, item, prefix, [...path, i], true)),
      );
      break;
    }
    case 'object':
    case undefined: {
      add('wrong-type', () => 'not an object');
      add('array-for-object', (old) => [old]);
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      if (Object.keys(properties).length === 0) break;
      if (schema.additionalProperties !== true)
        add('extra-property', (old) => ({ ...(old as object), fuzz_unknown_field: 1 }));
      const object = value as Record<string, unknown>;
      for (const key of (schema.required ?? []) as string[])
        if (key in object) add('missing-required', () => DELETE, [...path, key]);
      for (const [key, child] of Object.entries(properties))
        if (key in object) out.push(...mutations(child, object[key], prefix, [...path, key], inArray));
      break;
    }
    default:
      break;
  }
  return out;
}

// ---------- hostile text ----------

/** Text that has broken servers elsewhere: control and invalid code points, sizes, scripts, metacharacters. */
export const HOSTILE_STRINGS: readonly string[] = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\ufeff\ufffe\uffff',
  'a'.repeat(5_000),
  'é'.repeat(70_000),
  '\u202eevil\u202c',
  'e\u0301\u0301\u0301\u0301',
  '\u200b\u200d\u2060',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  'שלום עולם',
  "' OR 1=1 --",
  "'; DROP TABLE records; --",
  '%_\\',
  '$.a[?(@.b == 1)]',
  '{"$gt": ""}',
  '$..*',
  '@> ?| ?& #>>',
  '!&|:*()<->',
  '../../../etc/passwd',
  '..\\..\\windows',
  '%2e%2e%2f',
  '%00',
  '%zz',
  '',
  '   ',
  '\t\r\n',
  '1e400',
  'NaN',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
];

/**
 * Raw (already percent-encoded, possibly malformed) path segments and query values. Not `%2e%2e`: the
 * WHATWG URL parser of any client resolves it as `..` before sending, so the server never sees it.
 */
export const HOSTILE_RAW_URL_PARTS: readonly string[] = [
  '%zz',
  '%',
  '%00',
  '%ff%fe',
  '%c0%af',
  '..%2f..%2fetc',
  '%ed%a0%80',
  'a%2Fb',
];

/** Every place in a (valid) value where the schema says string: where hostile text goes. */
export function textSites(raw: Schema, value: unknown, path: Path = []): Path[] {
  const schema = resolve(raw);
  if (value === null || value === undefined) return [];
  if (typeof value === 'string') return [path];
  if (Array.isArray(value))
    return value.flatMap((item, i) => textSites((schema.items as Schema) ?? {}, item, [...path, i]));
  if (typeof value === 'object') {
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    return Object.entries(value as Record<string, unknown>).flatMap(([key, v]) => [
      ...textSites(properties[key] ?? {}, v, [...path, key]),
    ]);
  }
  return [];
}

export function replaceAt<T>(root: T, path: Path, value: unknown): T {
  return setAt(root, path, () => value);
}
