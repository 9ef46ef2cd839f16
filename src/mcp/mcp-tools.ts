import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { isScope, type Scope } from '../common/scopes.js';
import {
  findOperation,
  operationInput,
  operationScopes,
  successSchema,
  type OpenApiDocument,
} from './tool-schemas.js';

export type ToolName =
  'list_collections' | 'describe_collection' | 'search' | 'get_record' | 'upsert_records' | 'open_search';

/**
 * What each tool is over REST: the operation whose DTOs give its input and output schemas, and whose
 * `@Auth` scopes decide who may call it. The tool runs the same service method as that operation.
 */
interface ToolDefinition {
  name: ToolName;
  title: string;
  description: string;
  /** The REST operation the tool mirrors (its path parameters + body are the tool's input). */
  operationId: string;
  /** Another operation whose answer the tool returns (upsert_records answers the upload's state). */
  answerOperationId?: string;
  /** Input properties the tool fixes itself. */
  omit?: readonly string[];
  describe?: Readonly<Record<string, string>>;
  /** Offered without a key (and only then); otherwise the operation's scopes apply. */
  anonymous?: boolean;
  readOnly: boolean;
}

const COLLECTION = 'Collection name (`list_collections` names them).';

const DEFINITIONS: readonly ToolDefinition[] = [
  {
    name: 'list_collections',
    title: 'List collections',
    description:
      "The tenant's collections: record types and record counts by indexing status, with the plan's record cap. Start here to learn what data exists.",
    operationId: 'listCollections',
    readOnly: true,
  },
  {
    name: 'describe_collection',
    title: 'Describe a collection',
    description:
      'The record types of a collection and their fields: type, required, `searchable` (in the full-text index) and `filterable` (usable in `search` filters).',
    operationId: 'getSchemas',
    describe: { collection: COLLECTION },
    readOnly: true,
  },
  {
    name: 'search',
    title: 'Search a collection',
    description:
      'Full-text search over the indexed records of one collection, ranked (name above description above searchable fields); misspelt words still match when `fuzzy` is on. ' +
      '`filters` take only fields that `describe_collection` marks filterable: `{field: value}` (equality; list fields: contains) or `{field: {gte, lte}}` (numbers, dates). ' +
      'Page with `limit` (1-100, default 10) and `offset`. Counts one search against the plan, like `POST /api/v1/search/{collection}`.',
    operationId: 'search',
    describe: { collection: COLLECTION },
    readOnly: true,
  },
  {
    name: 'get_record',
    title: 'Get a record',
    description:
      'One record by id (the `id` of a search result), with all its `collection_data` and indexing status.',
    operationId: 'getEntity',
    describe: { collection: COLLECTION, id: 'Record id (UUID).' },
    readOnly: true,
  },
  {
    name: 'upsert_records',
    title: 'Upsert records',
    description:
      'Add or update 1-1000 records of one record type: a record whose `external_id` matches an existing one of that type replaces its fields, the others are added. ' +
      'Records are objects with `name` (required), `description`, `external_id`, `visibility` (`private` or `public`), `collection_data`; other keys go into `collection_data`, validated against the schema. ' +
      'Waits up to 10 s for processing and answers the upload: its status, rows indexed and failed, and the first row errors.',
    operationId: 'ingestRecords',
    answerOperationId: 'getUpload',
    omit: ['mode'],
    describe: { collection: COLLECTION, record_type: 'Record type of every record in this call.' },
    readOnly: false,
  },
  {
    name: 'open_search',
    title: 'Search public records',
    description:
      "Search the records every Cistern tenant has made public, each with its provider. Needs no key; limited per client address. Connect with an API key to search a tenant's own data.",
    operationId: 'openSearch',
    anonymous: true,
    readOnly: true,
  },
];

export interface CatalogTool {
  readonly name: ToolName;
  /** Scopes a key needs (from the REST operation's declaration); null: offered only without a key. */
  readonly scopes: readonly Scope[] | null;
  /** As listed to clients. */
  readonly tool: Tool;
}

/** The tools, their schemas generated from the OpenAPI document of the running app. */
export function buildCatalog(document: OpenApiDocument): ReadonlyMap<ToolName, CatalogTool> {
  const catalog = new Map<ToolName, CatalogTool>();
  for (const definition of DEFINITIONS) {
    const { operation } = findOperation(document, definition.operationId);
    const answer = definition.answerOperationId
      ? findOperation(document, definition.answerOperationId).operation
      : operation;
    let scopes: Scope[] | null = null;
    if (!definition.anonymous) {
      scopes = operationScopes(operation).map((scope) => {
        if (!isScope(scope)) throw new Error(`${definition.operationId}: unknown scope ${scope}`);
        return scope;
      });
    }
    const inputSchema = operationInput(document, operation, {
      omit: definition.omit,
      describe: definition.describe,
    });
    const outputSchema = successSchema(document, answer);
    catalog.set(definition.name, {
      name: definition.name,
      scopes,
      tool: {
        name: definition.name,
        title: definition.title,
        description: definition.description,
        inputSchema: inputSchema as Tool['inputSchema'],
        outputSchema: outputSchema as Tool['outputSchema'],
        annotations: {
          title: definition.title,
          readOnlyHint: definition.readOnly,
          destructiveHint: false,
          idempotentHint: definition.readOnly || definition.name === 'upsert_records',
          openWorldHint: false,
        },
      },
    });
  }
  return catalog;
}
