import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { documentedOperations } from '../../support/routes.js';

/**
 * openapi.json, read at test time: every operation the fuzz suite exercises comes from here, never
 * from a hand-written list of routes, so a new route is fuzzed the day it is documented.
 */

export type Schema = Record<string, any>; // a JSON-schema node of OpenAPI 3.0: any shape by nature

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Schema;
}

export type Credential = 'jwt' | 'key' | 'none';

export interface Operation {
  id: string;
  method: string;
  /** As documented, with the /api/v1 prefix and `{name}` placeholders. */
  path: string;
  parameters: Parameter[];
  /** The JSON body schema (resolved), when the operation takes application/json. */
  jsonBody?: Schema;
  jsonBodyRequired: boolean;
  multipart?: Schema;
  /** Documented statuses and their (resolved) response schemas; undefined schema = no body. */
  responses: Map<number, { contentType?: string; schema?: Schema }>;
  /** Credentials the operation accepts, in the order the fuzz suite prefers them. */
  credentials: Credential[];
}

export const document = JSON.parse(
  readFileSync(new URL('../../../openapi.json', import.meta.url), 'utf8'),
) as { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, Schema> } };

const REF = '#/components/schemas/';

/** A schema with its top-level $ref and single-element allOf folded in (nested ones stay lazy). */
export function resolve(schema: Schema | undefined): Schema {
  if (!schema) return {};
  if (typeof schema.$ref === 'string') {
    const { $ref, ...rest } = schema;
    return resolve({ ...document.components.schemas[$ref.slice(REF.length)], ...rest });
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length === 1) {
    const { allOf, ...rest } = schema;
    const inner = resolve(allOf[0]);
    return { ...inner, ...rest, type: rest.type ?? inner.type };
  }
  return schema;
}

function credentialsOf(path: string, security: { [scheme: string]: unknown }[] | undefined): Credential[] {
  if (!security || security.length === 0) return ['none'];
  const schemes = new Set(security.flatMap((s) => Object.keys(s)));
  if (path.startsWith('/api/v1/portal/')) return ['jwt'];
  const out: Credential[] = [];
  if (schemes.has('ApiKeyBearer') || schemes.has('ApiKeyHeader')) out.push('key');
  if (schemes.has('PortalJwt')) out.push('jwt');
  return out;
}

/** Every operation, from the one route walker of the tests (test/support/routes.ts). */
export function operations(): Operation[] {
  return documentedOperations(document).map(({ method, documentedPath: path, operation: op }) => {
    const responses = new Map<number, { contentType?: string; schema?: Schema }>();
    for (const [status, response] of Object.entries(op.responses as Record<string, any>)) {
      const content = response.content as Record<string, { schema?: Schema }> | undefined;
      const contentType = content ? Object.keys(content)[0] : undefined;
      responses.set(Number(status), {
        contentType,
        schema: contentType ? content![contentType].schema : undefined,
      });
    }
    const body = op.requestBody?.content as Record<string, { schema: Schema }> | undefined;
    return {
      id: op.operationId,
      method,
      path,
      parameters: ((op.parameters ?? []) as Parameter[]).map((p) => ({
        ...p,
        required: Boolean(p.required),
        schema: resolve(p.schema),
      })),
      jsonBody: body?.['application/json'] ? resolve(body['application/json'].schema) : undefined,
      jsonBodyRequired: Boolean(op.requestBody?.required),
      multipart: body?.['multipart/form-data'] ? resolve(body['multipart/form-data'].schema) : undefined,
      responses,
      credentials: credentialsOf(path, op.security),
    };
  });
}

/** OpenAPI 3.0 → JSON Schema for Ajv: `nullable` becomes a union with null; refs point into one document. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable' || key === 'example' || key.startsWith('x-')) continue;
    if (key === '$ref' && typeof value === 'string')
      out.$ref = `openapi#/definitions/${value.slice(REF.length)}`;
    else if (key === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toJsonSchema(v)]),
      );
    } else out[key] = toJsonSchema(value);
  }
  if ((node as Schema).nullable === true) return { anyOf: [out, { type: 'null' }] };
  return out;
}

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => Ajv;

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
ajv.addSchema({
  $id: 'openapi',
  definitions: Object.fromEntries(
    Object.entries(document.components.schemas).map(([name, schema]) => [name, toJsonSchema(schema)]),
  ),
});

const validators = new WeakMap<Schema, ValidateFunction>();

/** Null when the value matches the schema, else Ajv's error list as one line. */
export function schemaErrors(schema: Schema, value: unknown): string | null {
  let validate = validators.get(schema);
  if (!validate) {
    validate = ajv.compile(toJsonSchema(schema) as object);
    validators.set(schema, validate);
  }
  if (validate(value)) return null;
  return ajv.errorsText(validate.errors, { separator: '; ' });
}
