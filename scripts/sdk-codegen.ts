/**
 * The generated part of the SDK (sdk/src/generated/), from openapi.json: the contract's types
 * (openapi-typescript), the enum value lists, which paths each client may call, and which lists page by
 * offset. The hand-written layer in sdk/src builds on these only, so an API change reaches the SDK
 * through `npm run openapi` and `npm run openapi:check` fails when the two disagree.
 */
import openapiTS, { astToString } from 'openapi-typescript';

export const SDK_GENERATED_DIR = 'sdk/src/generated';

const HEADER = `/**
 * Generated from openapi.json by \`npm run openapi\` (scripts/sdk-codegen.ts): do not edit.
 */
`;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

interface Operation {
  operationId?: string;
  parameters?: { in: string; name: string }[];
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  'x-cistern-auth'?: { scopes?: string[]; min_role?: string };
}
interface Schema {
  type?: string;
  enum?: unknown[];
  description?: string;
  $ref?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
}
interface Document {
  info: { version: string };
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  components: { schemas: Record<string, Schema> };
}

/** `'/api/v1/x': Pick<paths['/api/v1/x'], 'parameters' | 'get'>;` for the operations `accepts` keeps. */
function pathsType(
  document: Document,
  name: string,
  doc: string,
  accepts: (op: Operation) => boolean,
): string {
  const lines: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    const methods = METHODS.filter((m) => item[m] && accepts(item[m]));
    if (methods.length === 0) continue;
    const keys = ['parameters', ...methods].map((k) => JSON.stringify(k)).join(' | ');
    lines.push(`  ${JSON.stringify(path)}: Pick<paths[${JSON.stringify(path)}], ${keys}>;`);
  }
  return `/** ${doc} */\nexport interface ${name} {\n${lines.join('\n')}\n}\n`;
}

const isPublic = (op: Operation) => !op['x-cistern-auth'];

/** The property of a list answer holding its items ('' when the answer is the array itself). */
function itemsKey(document: Document, schema: Schema | undefined): string | null {
  if (!schema) return null;
  if (schema.type === 'array') return '';
  const target = schema.$ref ? document.components.schemas[schema.$ref.split('/').pop()!] : schema;
  const arrays = Object.entries(target?.properties ?? {}).filter(([, p]) => p.type === 'array');
  return arrays.length === 1 ? arrays[0][0] : null;
}

function contract(document: Document): string {
  const out: string[] = [HEADER, "import type { paths } from './openapi.js';\n"];
  out.push(`/** The API version (openapi.json \`info.version\`) this SDK was generated from. */`);
  out.push(`export const API_VERSION = ${JSON.stringify(document.info.version)};\n`);

  out.push('// Enum value lists: each named enum of the contract, as a list and as a type.\n');
  for (const [name, schema] of Object.entries(document.components.schemas).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    if (!Array.isArray(schema.enum)) continue;
    if (schema.description) out.push(`/** ${schema.description.replace(/\*\//g, '*\\/')} */`);
    out.push(`export const ${name} = ${JSON.stringify(schema.enum)} as const;`);
    out.push(`export type ${name} = (typeof ${name})[number];\n`);
  }

  out.push(
    pathsType(
      document,
      'ApiKeyPaths',
      'Operations an API key may call (`x-cistern-auth.scopes`), and the public ones: the paths of `createCistern`.',
      (op) => isPublic(op) || op['x-cistern-auth']?.scopes !== undefined,
    ),
  );
  out.push(
    pathsType(
      document,
      'PortalPaths',
      'Operations a portal session (JWT) may call (`x-cistern-auth.min_role`), and the public ones: the paths of `createPortal`.',
      (op) => isPublic(op) || op['x-cistern-auth']?.min_role !== undefined,
    ),
  );

  const lists: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    const op = item.get;
    const query = new Set((op?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
    if (!op || !query.has('limit') || !query.has('offset')) continue;
    const key = itemsKey(document, op.responses?.['200']?.content?.['application/json']?.schema);
    if (key === null)
      throw new Error(`GET ${path} pages by offset but its answer has no single list of items`);
    lists.push(`  ${JSON.stringify(path)}: ${JSON.stringify(key)},`);
  }
  out.push(
    "/** GET operations paged by `limit` and `offset`, with the answer property holding the items ('' : the answer is the list). */",
  );
  out.push(`export const OFFSET_LISTS = {\n${lists.join('\n')}\n} as const;`);
  out.push('export type OffsetListPath = keyof typeof OFFSET_LISTS;\n');
  return out.join('\n');
}

/** Every generated file of the SDK, by path from the project root. */
export async function generateSdkFiles(openapiText: string): Promise<Record<string, string>> {
  const document = JSON.parse(openapiText) as Document;
  // As for the other clients (scripts/openapi.ts): only `required` makes a property required.
  const types = astToString(await openapiTS(document as never, { defaultNonNullable: false }));
  return {
    [`${SDK_GENERATED_DIR}/openapi.ts`]: `${HEADER}${types}`,
    [`${SDK_GENERATED_DIR}/contract.ts`]: contract(document),
  };
}
