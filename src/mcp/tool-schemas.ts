/**
 * MCP tool schemas are JSON Schemas; REST's are the OpenAPI 3.0 components @nestjs/swagger generates
 * from the DTOs. Converting those components (instead of writing a second copy of each shape) keeps
 * the two doors describing the same thing: a field added to a DTO appears in the tool at once.
 */

export type JsonSchema = Record<string, unknown>;

export interface OpenApiOperation {
  operationId?: string;
  summary?: string;
  parameters?: {
    in: string;
    name: string;
    required?: boolean;
    description?: string;
    schema?: JsonSchema;
  }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
  'x-cistern-auth'?: { scopes?: string[]; min_role?: string };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const REF_PREFIX = '#/components/schemas/';
/** OpenAPI keywords JSON Schema does not have (or spells differently). */
const DROPPED = new Set([
  'nullable',
  'example',
  'readOnly',
  'writeOnly',
  'xml',
  'externalDocs',
  'discriminator',
]);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * One OpenAPI 3.0 schema as a self-contained JSON Schema: `$ref`s inlined (agent clients handle
 * references unevenly, and these shapes are small and never recursive), `nullable` as a `null` type,
 * `example` as `examples`, and the `allOf: [one]` wrappers @nestjs/swagger writes around enums merged away.
 */
export function toJsonSchema(
  schema: unknown,
  document: OpenApiDocument,
  seen: readonly string[] = [],
): JsonSchema {
  if (!isObject(schema)) throw new Error(`not a schema: ${JSON.stringify(schema)}`);
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.startsWith(REF_PREFIX) ? schema.$ref.slice(REF_PREFIX.length) : null;
    const target = name === null ? undefined : document.components?.schemas?.[name];
    if (name === null || !target) throw new Error(`unresolvable reference ${schema.$ref}`);
    if (seen.includes(name)) throw new Error(`recursive schema ${[...seen, name].join(' > ')}`);
    const { $ref: _ref, ...siblings } = schema;
    const out = {
      ...toJsonSchema(target, document, [...seen, name]),
      ...convertMembers(siblings, document, seen),
    };
    return schema.nullable === true ? withNull(out) : out;
  }
  let out = convertMembers(schema, document, seen);
  // `{allOf: [X], description}`: X with the description.
  if (Array.isArray(out.allOf) && out.allOf.length === 1) {
    const { allOf, ...rest } = out;
    out = { ...(allOf[0] as JsonSchema), ...rest };
  }
  if (schema.nullable === true) out = withNull(out);
  return out;
}

function convertMembers(
  schema: Record<string, unknown>,
  document: OpenApiDocument,
  seen: readonly string[],
): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED.has(key)) continue;
    if (key === 'properties' && isObject(value)) {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, property]) => [name, toJsonSchema(property, document, seen)]),
      );
    } else if ((key === 'items' || key === 'not') && isObject(value)) {
      out[key] = toJsonSchema(value, document, seen);
    } else if (key === 'additionalProperties' && isObject(value)) {
      out[key] = toJsonSchema(value, document, seen);
    } else if ((key === 'allOf' || key === 'oneOf' || key === 'anyOf') && Array.isArray(value)) {
      out[key] = value.map((member) => toJsonSchema(member, document, seen));
    } else {
      out[key] = value;
    }
  }
  if ('example' in schema) out.examples = [schema.example];
  return out;
}

/** `nullable: true` in JSON Schema terms. */
function withNull(schema: JsonSchema): JsonSchema {
  if (typeof schema.type === 'string') {
    const out: JsonSchema = { ...schema, type: [schema.type, 'null'] };
    if (Array.isArray(schema.enum)) out.enum = [...(schema.enum as unknown[]), null];
    return out;
  }
  const { description, ...rest } = schema;
  return {
    ...(description === undefined ? {} : { description }),
    anyOf: [rest, { type: 'null' }],
  };
}

/** The operation with this operationId, with its path and method. */
export function findOperation(
  document: OpenApiDocument,
  operationId: string,
): { path: string; method: string; operation: OpenApiOperation } {
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      if (operation.operationId === operationId) return { path, method, operation };
    }
  }
  throw new Error(`no operation ${operationId} in the OpenAPI document`);
}

/** The JSON body schema of an operation's success answer (the first 2xx with one). */
export function successSchema(document: OpenApiDocument, operation: OpenApiOperation): JsonSchema {
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    const schema = response.content?.['application/json']?.schema;
    if (status.startsWith('2') && schema) return toJsonSchema(schema, document);
  }
  throw new Error(`operation ${operation.operationId} has no JSON success answer`);
}

/**
 * A tool's input: the operation's path parameters and the properties of its JSON body, in one object
 * (an agent names the collection beside the query). Unknown properties are refused, as REST refuses
 * unknown body fields.
 */
export function operationInput(
  document: OpenApiDocument,
  operation: OpenApiOperation,
  options: { omit?: readonly string[]; describe?: Readonly<Record<string, string>> } = {},
): JsonSchema {
  const omit = new Set(options.omit ?? []);
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const parameter of operation.parameters ?? []) {
    if (parameter.in !== 'path' || omit.has(parameter.name)) continue;
    const description = options.describe?.[parameter.name] ?? parameter.description;
    properties[parameter.name] = {
      ...toJsonSchema(parameter.schema ?? { type: 'string' }, document),
      ...(description ? { description } : {}),
    };
    if (parameter.required) required.push(parameter.name);
  }
  const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
  if (bodySchema) {
    const body = toJsonSchema(bodySchema, document);
    for (const [name, property] of Object.entries((body.properties ?? {}) as Record<string, JsonSchema>)) {
      if (omit.has(name)) continue;
      if (name in properties)
        throw new Error(`${operation.operationId}: ${name} is both a path parameter and a body field`);
      properties[name] = property;
    }
    for (const name of (body.required ?? []) as string[]) if (!omit.has(name)) required.push(name);
  }
  return {
    type: 'object',
    properties,
    ...(required.length ? { required } : {}),
    additionalProperties: false,
  };
}

/** The API-key scopes the operation declares (`x-cistern-auth`, written by the same @Auth that enforces them). */
export function operationScopes(operation: OpenApiOperation): string[] {
  const scopes = operation['x-cistern-auth']?.scopes;
  if (!scopes) throw new Error(`operation ${operation.operationId} does not take API keys`);
  return scopes;
}
