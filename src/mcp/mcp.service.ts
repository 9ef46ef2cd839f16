import { Injectable, Logger, type PipeTransform } from '@nestjs/common';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type CallToolResult,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import type { FastifyReply } from 'fastify';
import { CollectionsService } from '../collections/collections.service.js';
import { OpenSearchDto, SearchDto, type SearchResponseDto } from '../collections/dto/search.dto.js';
import { IngestDto, type UploadDto } from '../collections/dto/upload.dto.js';
import { NameParamPipe } from '../collections/name-param.pipe.js';
import { RecordsService } from '../collections/records.service.js';
import { SearchService } from '../collections/search.service.js';
import { UploadsService } from '../collections/upload/uploads.service.js';
import { ApiError } from '../common/api-error.js';
import { toErrorAnswer } from '../common/http-error.filter.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import { originOf, type AuthenticatedRequest, type Caller, type KeyPrincipal } from '../common/principal.js';
import { missingScopes } from '../common/scopes.js';
import type { TenantId } from '../common/tenant-id.js';
import { AppValidationPipe } from '../common/validation.js';
import { VERSION } from '../common/version.js';
import { RateLimitService } from '../usage/rate-limit.service.js';
import { buildCatalog, type CatalogTool, type ToolName } from './mcp-tools.js';
import type { OpenApiDocument } from './tool-schemas.js';
import {
  collectionsText,
  openSearchText,
  recordText,
  schemasText,
  searchText,
  uploadText,
} from './tool-text.js';

/** How long upsert_records waits for its records to be processed before answering the upload as it is. */
export const UPSERT_WAIT_MS = 10_000;
const UPSERT_POLL_MS = 100;

const INSTRUCTIONS =
  "Cistern holds a tenant's records in collections. Call list_collections to see them, describe_collection " +
  'to learn the fields of a collection (filterable ones can be used in search filters), then search; ' +
  'get_record reads one record in full. Which tools are offered depends on the scopes of the API key. ' +
  'Without a key only open_search (public records of every tenant) is offered. A tool error carries the ' +
  'REST error body: `error` is the machine code (insufficient_scope, not_found, validation_error, rate_limited...).';

/** Who calls, and the HTTP exchange the call arrived in (rate-limit headers are set on its reply). */
interface CallContext {
  readonly principal: KeyPrincipal | null;
  readonly request: AuthenticatedRequest;
  readonly reply: FastifyReply;
}

interface ToolAnswer {
  structured: object;
  text: string;
}

type Args = Record<string, unknown>;

/**
 * The MCP door (rules §10): one stateless Streamable HTTP exchange per request, so any instance answers
 * any call and nothing lives between requests. The global AuthGuard has already verified the key, the
 * IP allow-list and the request rate limit; tools check the scopes of the REST operation they mirror
 * and run its service method, so metering, search limits, validation and audit are REST's own.
 */
@Injectable()
export class McpService {
  private readonly logger = new Logger('Mcp');
  private catalog: ReadonlyMap<ToolName, CatalogTool> | null = null;
  private readonly validation = new AppValidationPipe();
  private readonly names = {
    collection: new NameParamPipe('collection'),
    record_type: new NameParamPipe('record_type'),
  };
  private readonly recordId = new IdParamPipe('Record');
  /**
   * One schema validator for every request's Server (it only checks elicitation answers, which these
   * tools never ask for): a Server builds its own Ajv otherwise, on every request (its cost:
   * bench/README.md, "Figures quoted from code comments").
   */
  private readonly jsonSchemaValidator = new AjvJsonSchemaValidator();

  constructor(
    private readonly collections: CollectionsService,
    private readonly records: RecordsService,
    private readonly searches: SearchService,
    private readonly uploads: UploadsService,
    private readonly rateLimits: RateLimitService,
  ) {}

  /** The app's OpenAPI document, from which the tool schemas are generated (app.factory.ts, once at start). */
  useOpenApi(document: OpenApiDocument): void {
    this.catalog = buildCatalog(document);
  }

  private tools(): ReadonlyMap<ToolName, CatalogTool> {
    if (!this.catalog) throw new Error('MCP tools used before the OpenAPI document was given');
    return this.catalog;
  }

  /** What this caller is offered: without a key open_search only, with one the tools its scopes allow. */
  visibleTools(principal: KeyPrincipal | null): Tool[] {
    const out: Tool[] = [];
    for (const entry of this.tools().values()) {
      const offered = principal
        ? entry.scopes !== null && missingScopes(principal.grants, entry.scopes).length === 0
        : entry.scopes === null;
      if (offered) out.push(entry.tool);
    }
    return out;
  }

  /** Answers one MCP POST (one JSON-RPC message) on the Fastify reply. */
  async handle(request: AuthenticatedRequest, reply: FastifyReply): Promise<void> {
    if (Array.isArray(request.body)) {
      // One HTTP request is one request for the rate limiter: a batch of tool calls would slip past it.
      // MCP dropped JSON-RPC batching in 2025-06-18, and the official clients never send one.
      await reply.status(400).send({
        jsonrpc: '2.0',
        error: {
          code: ErrorCode.InvalidRequest,
          message: 'Send one JSON-RPC message per request (no batches).',
        },
        id: null,
      });
      return;
    }
    const principal = request.principal?.type === 'api_key' ? request.principal : null;
    const context: CallContext = { principal, request, reply };
    // The low-level Server, not McpServer: McpServer wants zod shapes, and these tools' schemas are
    // JSON Schemas generated from the OpenAPI document (the SDK's "advanced use" of Server).
    const server = new Server(
      { name: 'cistern', title: 'Cistern', version: VERSION },
      {
        capabilities: { tools: { listChanged: false } },
        instructions: INSTRUCTIONS,
        jsonSchemaValidator: this.jsonSchemaValidator,
      },
    );
    server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: this.visibleTools(principal) }));
    server.setRequestHandler(CallToolRequestSchema, (call) =>
      this.callTool(context, call.params.name, call.params.arguments ?? {}),
    );
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await server.connect(transport);
    try {
      const response = await transport.handleRequest(webRequestOf(request), { parsedBody: request.body });
      void reply.status(response.status);
      response.headers.forEach((value, name) => void reply.header(name, value));
      const body = await response.text();
      await reply.send(body.length > 0 ? body : undefined);
    } finally {
      await server.close();
    }
  }

  /** One tools/call. Refusals and failures are tool errors carrying the REST error body. */
  async callTool(context: CallContext, name: string, args: Args): Promise<CallToolResult> {
    const entry = this.tools().get(name as ToolName);
    if (!entry) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name}`);
    try {
      this.authorize(entry, context.principal);
      const answer = await this.run(entry.name, args, context);
      return {
        content: [{ type: 'text', text: answer.text }],
        structuredContent: answer.structured as Record<string, unknown>,
      };
    } catch (error) {
      return this.toolError(error, context);
    }
  }

  /** The scopes of the REST operation, checked as the guard checks them there (rules §2). */
  private authorize(entry: CatalogTool, principal: KeyPrincipal | null): void {
    if (entry.scopes === null) {
      if (principal) {
        throw ApiError.forbidden(
          `${entry.name} is offered to callers without a key; with a key, use the tenant's tools (search).`,
        );
      }
      return;
    }
    if (!principal) {
      throw ApiError.unauthorized(
        'unauthenticated',
        `${entry.name} needs an API key (Authorization: Bearer sk_... or X-Api-Key); without one only open_search is offered.`,
      );
    }
    if (missingScopes(principal.grants, entry.scopes).length > 0) {
      throw ApiError.forbidden(
        `This API key lacks the scope ${entry.scopes.join(', ')}.`,
        'insufficient_scope',
        {
          required_scopes: entry.scopes,
        },
      );
    }
  }

  private async run(name: ToolName, args: Args, context: CallContext): Promise<ToolAnswer> {
    const { request, reply } = context;
    switch (name) {
      case 'open_search': {
        await this.rateLimits.consumeOpenSearch(request.ip, reply);
        const dto = await this.body(OpenSearchDto, args);
        const answer = await this.searches.openSearch(dto);
        return { structured: answer, text: openSearchText(answer, dto.query) };
      }
      case 'list_collections': {
        const principal = context.principal!;
        noArguments(args);
        const answer = await this.collections.list(principal.tenantId);
        return { structured: answer, text: collectionsText(answer) };
      }
      case 'describe_collection': {
        const principal = context.principal!;
        const [collection] = this.path(args, ['collection'], this.names.collection);
        noArguments(args, ['collection']);
        const answer = await this.collections.getSchemas(principal.tenantId, collection);
        return { structured: answer, text: schemasText(answer) };
      }
      case 'search': {
        const principal = context.principal!;
        // REST's order: the search limit (SearchRateLimitGuard) before validation, metering in the service.
        await this.rateLimits.consumeSearch(principal, reply, request.rateLimit);
        const [collection] = this.path(args, ['collection'], this.names.collection);
        const dto = await this.body(SearchDto, args, ['collection']);
        // The service answers JSON text (serialised once, by PostgreSQL): parsed here for structured content.
        const text = await this.searches.search(principal.tenantId, collection, dto, principal.plan);
        const answer = JSON.parse(text) as SearchResponseDto;
        return { structured: answer, text: searchText(answer, dto.offset ?? 0) };
      }
      case 'get_record': {
        const principal = context.principal!;
        const [collection] = this.path(args, ['collection'], this.names.collection);
        const [id] = this.path(args, ['id'], this.recordId);
        noArguments(args, ['collection', 'id']);
        const answer = await this.records.get(principal.tenantId, collection, id);
        return { structured: answer, text: recordText(answer) };
      }
      case 'upsert_records': {
        const principal = context.principal!;
        const [collection] = this.path(args, ['collection'], this.names.collection);
        const [recordType] = this.path(args, ['record_type'], this.names.record_type);
        // `mode` is the tool's own (upsert): not part of its input, so refused like any unknown argument.
        noArguments(
          args,
          Object.keys(args).filter((key) => key !== 'mode'),
        );
        const dto = await this.body(IngestDto, args, ['collection', 'record_type']);
        const caller: Caller = { principal, ...originOf(request) };
        const accepted = await this.uploads.ingest(caller, collection, recordType, {
          ...dto,
          mode: 'upsert',
        });
        const upload = await this.settled(principal.tenantId, accepted.upload_id);
        return { structured: upload, text: uploadText(upload) };
      }
    }
  }

  /** Path parameters of the mirrored operation, through the same pipes as on REST. */
  private path(args: Args, names: readonly string[], pipe: PipeTransform<string, string>): string[] {
    return names.map((name) => {
      const value = args[name];
      if (value === undefined) throw ApiError.field(name, `${name} is required`);
      if (typeof value !== 'string') throw ApiError.field(name, `${name} must be a string`);
      return pipe.transform(value, { type: 'param', data: name });
    });
  }

  /** The body of the mirrored operation (the arguments minus its path parameters), validated by its DTO. */
  private async body<T>(dto: new () => T, args: Args, pathNames: readonly string[] = []): Promise<T> {
    const body = Object.fromEntries(Object.entries(args).filter(([key]) => !pathNames.includes(key)));
    return (await this.validation.transform(body, { type: 'body', metatype: dto })) as T;
  }

  /** The upload once processed, or as it stands after UPSERT_WAIT_MS. */
  private async settled(tenantId: TenantId, uploadId: string): Promise<UploadDto> {
    const deadline = Date.now() + UPSERT_WAIT_MS;
    for (;;) {
      const upload = await this.uploads.get(tenantId, uploadId);
      if (upload.status === 'completed' || upload.status === 'failed' || Date.now() >= deadline)
        return upload;
      await new Promise((resolve) => setTimeout(resolve, UPSERT_POLL_MS));
    }
  }

  private toolError(error: unknown, context: CallContext): CallToolResult {
    // The same mapping as the HTTP error filter (unexpected errors logged with the request id, no stack).
    const answer = toErrorAnswer(error, String(context.request.id), this.logger);
    const retryAfter = answer.headers?.['retry-after'];
    const body = {
      status: answer.status,
      ...answer.body,
      ...(retryAfter === undefined ? {} : { retry_after_seconds: Number(retryAfter) }),
    };
    return { isError: true, content: [{ type: 'text', text: JSON.stringify(body) }] };
  }
}

/** Arguments a tool does not take are refused, as REST refuses unknown fields (422). */
function noArguments(args: Args, allowed: readonly string[] = []): void {
  const unknown = Object.keys(args).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    throw ApiError.validation(
      unknown.map((field) => ({ field, message: `${field} should not exist` })),
      unknown.length === 1 ? `${unknown[0]}: should not exist` : `${unknown.length} fields are invalid.`,
    );
  }
}

/** The Web-standard request the SDK's transport reads (headers only: the body is already parsed). */
function webRequestOf(request: AuthenticatedRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  return new Request(new URL(request.url, 'http://cistern.local'), { method: request.method, headers });
}
