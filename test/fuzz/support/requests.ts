import fc from 'fast-check';
import {
  HOSTILE_RAW_URL_PARTS,
  HOSTILE_STRINGS,
  mutations,
  replaceAt,
  textSites,
  validValue,
  type Mutation,
  type MutationKind,
} from './arbitraries.js';
import type { Credential, Operation } from './openapi.js';
import { idsFor, type WireRequest, type World } from './world.js';

/** One generated request, before it is written on the wire. */
export interface Case {
  credential: Credential;
  scheme: string;
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  /** undefined: no body at all. */
  body?: unknown;
}

function pathValue(
  world: World,
  op: Operation,
  name: string,
  schema: Record<string, unknown>,
): fc.Arbitrary<unknown> {
  const known = idsFor(world, op, name);
  // A path segment cannot be empty: `/entities//x` is another route, not an empty name.
  const generated = validValue({ ...schema, minLength: Math.max(1, Number(schema.minLength ?? 0)) }, name);
  return known.length
    ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: generated })
    : generated;
}

function queryValue(
  world: World,
  op: Operation,
  name: string,
  schema: Record<string, unknown>,
): fc.Arbitrary<unknown> {
  const generated = validValue(schema, name);
  const fixtures: Record<string, string[]> = {
    collection: [world.collection],
    record_type: [world.recordType],
    project_id: world.ids.projects ?? [],
    environment_id: world.ids.environments ?? [],
    period: [new Date().toISOString().slice(0, 7)],
  };
  const known = fixtures[name] ?? [];
  return known.length ? fc.oneof(fc.constantFrom(...known), generated) : generated;
}

export function caseArb(world: World, op: Operation): fc.Arbitrary<Case> {
  const path: Record<string, fc.Arbitrary<unknown>> = {};
  const query: Record<string, fc.Arbitrary<unknown>> = {};
  const requiredQuery: string[] = [];
  for (const p of op.parameters) {
    if (p.in === 'path') path[p.name] = pathValue(world, op, p.name, p.schema);
    if (p.in === 'query') {
      query[p.name] = queryValue(world, op, p.name, p.schema);
      if (p.required) requiredQuery.push(p.name);
    }
  }
  const body = op.jsonBody
    ? op.jsonBodyRequired
      ? validValue(op.jsonBody)
      : fc.option(validValue(op.jsonBody), { nil: undefined })
    : fc.constant(undefined);
  return fc
    .record({
      credential: fc.constantFrom(...op.credentials),
      scheme: fc.constant('Bearer'),
      path: fc.record(path),
      query: fc.record(query, { requiredKeys: requiredQuery }),
      body,
    })
    .chain((c) =>
      // The key door also reads X-Api-Key: both ways of presenting a key are fuzzed.
      c.credential === 'key'
        ? fc.constantFrom('Bearer', 'x-api-key').map((scheme) => ({ ...c, scheme }))
        : fc.constant(c),
    );
}

function queryString(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    for (const v of Array.isArray(value) ? value : [value])
      params.append(name, typeof v === 'object' ? JSON.stringify(v) : String(v));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Percent-encodes UTF-8 bytes (a lone surrogate becomes U+FFFD, as any client would send it). */
export function encodeSegment(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function toWire(
  op: Operation,
  c: Case,
  extra: { rawBody?: string; rawQuery?: string; rawPath?: Record<string, string> } = {},
): WireRequest {
  const url = op.path.replace(
    /\{([^}]+)\}/g,
    (_, name: string) => extra.rawPath?.[name] ?? encodeSegment(String(c.path[name])),
  );
  const wire: WireRequest = {
    method: op.method,
    url: `${url}${extra.rawQuery ?? queryString(c.query)}`,
    credential: c.credential,
    scheme: c.scheme,
  };
  if (extra.rawBody !== undefined || c.body !== undefined) {
    wire.body = extra.rawBody ?? JSON.stringify(c.body);
    wire.headers = { 'content-type': 'application/json' };
  }
  return wire;
}

/** A place where a case can be made invalid by the schema, and the invalid case. */
export interface InvalidCase {
  kind: MutationKind;
  at: string;
  insideArray: boolean;
  /** For mutations the arbitraries module does not name (unknown query parameter, missing body). */
  detail?: string;
  case: Case;
}

export function invalidSites(op: Operation, c: Case): InvalidCase[] {
  const out: InvalidCase[] = [];
  const wrap = (m: Mutation, make: (m: Mutation) => Case) =>
    out.push({ kind: m.kind, at: m.at, insideArray: m.insideArray, case: make(m) });
  if (op.jsonBody && c.body !== undefined) {
    for (const m of mutations(op.jsonBody, c.body, 'body'))
      wrap(m, (mm) => ({ ...c, body: mm.apply(c.body) }));
  }
  if (
    op.jsonBody &&
    op.jsonBodyRequired &&
    ((op.jsonBody.required as string[] | undefined)?.length ?? 0) > 0
  ) {
    out.push({
      kind: 'missing-required',
      at: 'body',
      insideArray: false,
      detail: 'no body',
      case: { ...c, body: undefined },
    });
  }
  for (const p of op.parameters) {
    if (p.in === 'query' && c.query[p.name] !== undefined) {
      for (const m of mutations(p.schema, c.query[p.name], `query.${p.name}`)) {
        // A query string carries text only: null and the object/array swaps say nothing there.
        if (
          m.kind === 'null' ||
          m.kind === 'array-for-object' ||
          (m.kind === 'wrong-type' && p.schema.type === 'string')
        )
          continue;
        wrap(m, (mm) => ({ ...c, query: { ...c.query, [p.name]: mm.apply(c.query[p.name]) } }));
      }
    }
    if (p.in === 'path' && p.schema.format === 'uuid')
      out.push({
        kind: 'bad-format',
        at: `path.${p.name}`,
        insideArray: false,
        case: { ...c, path: { ...c.path, [p.name]: 'not-a-uuid' } },
      });
  }
  out.push({
    kind: 'extra-property',
    at: 'query.fuzz_unknown',
    insideArray: false,
    detail: 'unknown query parameter',
    case: { ...c, query: { ...c.query, fuzz_unknown: '1' } },
  });
  return out;
}

/** A valid case with hostile text at one text place (body string, path or query parameter). */
export interface HostileCase {
  at: string;
  text: string;
  case: Case;
  rawPath?: Record<string, string>;
  rawQuery?: string;
}

export function hostileArb(world: World, op: Operation): fc.Arbitrary<HostileCase> {
  return fc
    .tuple(
      caseArb(world, op),
      fc.nat(),
      fc.constantFrom(...HOSTILE_STRINGS),
      fc.constantFrom(...HOSTILE_RAW_URL_PARTS),
      fc.boolean(),
    )
    .map(([c, pick, text, raw, useRaw]) => {
      const sites: HostileCase[] = [];
      if (op.jsonBody && c.body !== undefined)
        for (const path of textSites(op.jsonBody, c.body))
          sites.push({
            at: `body${path.map((p) => `[${JSON.stringify(p)}]`).join('')}`,
            text,
            case: { ...c, body: replaceAt(c.body, path, text) },
          });
      for (const p of op.parameters) {
        if (p.in === 'path') {
          // An empty segment is another route; a raw part tests the server's own percent-decoding.
          if (useRaw) sites.push({ at: `path.${p.name}`, text: raw, case: c, rawPath: { [p.name]: raw } });
          else if (text !== '')
            sites.push({ at: `path.${p.name}`, text, case: { ...c, path: { ...c.path, [p.name]: text } } });
        }
        if (p.in === 'query') {
          if (useRaw)
            sites.push({ at: `query.${p.name}`, text: raw, case: c, rawQuery: `?${p.name}=${raw}` });
          else
            sites.push({
              at: `query.${p.name}`,
              text,
              case: { ...c, query: { ...c.query, [p.name]: text } },
            });
          // The same parameter twice: a scalar arrives as an array.
          sites.push({
            at: `query.${p.name} twice`,
            text: 'a&a',
            case: c,
            rawQuery: `?${p.name}=1&${p.name}=2`,
          });
        }
      }
      return sites.length ? sites[pick % sites.length] : { at: 'nowhere', text, case: c };
    });
}
