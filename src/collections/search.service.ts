import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MilestonesService } from '../tenancy/milestones.service.js';
import { ApiError, type FieldError } from '../common/api-error.js';
import type { TenantId } from '../common/tenant-id.js';
import type { PlanName } from '../common/vocabulary.js';
import { MeteringService } from '../usage/metering.service.js';
import { CollectionsService } from './collections.service.js';
import { RecordSchemasRepository, type CollectionSchemas } from './record-schemas.repository.js';
import type { FieldType } from './collections.constants.js';
import type { OpenSearchDto, OpenSearchResponseDto, SearchDto, SearchResultDto } from './dto/search.dto.js';
import { Metrics, type SearchPath } from '../metrics/metrics.service.js';
import { SearchCache } from './search-cache.js';
import { SearchIndex } from './search-index/search-index.service.js';
import { boundedTotal } from './search-total.js';
import {
  SearchRepository,
  type CompiledFilter,
  type OpenSearchRow,
  type SearchOutcome,
} from './search.repository.js';
import { queryTerms } from './schema/words.js';
import type { FieldDefinition } from './schema/field-definition.js';
import { normalizeDate } from '../common/dates.js';
import { checkValue } from './schema/record-validation.js';

const DEFAULT_LIMIT = 10;
/** Collections whose schemas an instance keeps for compiling filters. */
const MAX_CACHED_SCHEMAS = 10_000;
/** Searches run at most this many times while the schemas they compile filters against keep changing. */
const MAX_SCHEMA_ATTEMPTS = 3;

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * A tenant's name as open search shows it to anyone. Tenants created before names defaulted to the
 * signup address's domain were named by the owner's email address: only its domain is shown.
 */
function publicName(name: string): string {
  const at = name.lastIndexOf('@');
  return at >= 0 && /^[^\s@]+@[^\s@]+$/.test(name) ? name.slice(at + 1) : name;
}

/** The day after a `YYYY-MM-DD` date, as `YYYY-MM-DD`. */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * rules §5 search: full text over the weighted vector; when the words themselves match nothing and
 * `fuzzy` is on, the closest dictionary words instead (SearchRepository). `filters` on filterable
 * fields, only indexed records. Every search is metered (MeteringService).
 */
@Injectable()
export class SearchService {
  /** Record schemas by tenant and collection name, to compile filters without reading them per search. */
  private readonly schemas = new Map<string, CollectionSchemas>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly collections: CollectionsService,
    private readonly recordSchemas: RecordSchemasRepository,
    private readonly repo: SearchRepository,
    private readonly metering: MeteringService,
    private readonly milestones: MilestonesService,
    private readonly cache: SearchCache,
    private readonly index: SearchIndex,
    private readonly metrics: Metrics,
  ) {}

  /**
   * `plan`: the tenant's plan when the caller already knows it (API keys carry it), else it is read.
   * The search is admitted (free plan quota) and counted before it runs, and given back if it fails.
   */
  async search(tenantId: TenantId, collection: string, dto: SearchDto, plan?: PlanName): Promise<string> {
    const started = performance.now();
    const giveBack = await this.metering.admitSearch(
      tenantId,
      plan ?? (await this.collections.planOf(this.dataSource, tenantId)),
    );
    let answer: string;
    try {
      answer = await this.run(tenantId, collection, dto, started);
    } catch (error) {
      await giveBack();
      throw error;
    }
    await this.milestones.record(tenantId, 'first_search');
    return answer;
  }

  private async run(
    tenantId: TenantId,
    collection: string,
    dto: SearchDto,
    started: number,
  ): Promise<string> {
    const request = {
      query: dto.query,
      fuzzy: dto.fuzzy ?? true,
      limit: dto.limit ?? DEFAULT_LIMIT,
      offset: dto.offset ?? 0,
      recordType: dto.record_type,
      filters: dto.filters && Object.keys(dto.filters).length > 0 ? dto.filters : undefined,
      exactTotal: dto.exact_total ?? false,
    };
    // Everything the answer depends on besides the collection's version: the tenant (from the
    // credential), the collection's name and the request as validated.
    const key = this.cache.enabled ? `${tenantId}\u0000${collection}\u0000${JSON.stringify(request)}` : null;
    let answer = key === null ? undefined : this.cache.get(key);
    if (
      answer &&
      !(await this.repo.isCurrent(this.dataSource, tenantId, collection, answer.collectionId, answer.version))
    ) {
      this.cache.delete(key!);
      answer = undefined;
    }
    if (key !== null) this.metrics.searchCacheLookup(answer !== undefined);
    let path: SearchPath = answer ? 'cache' : 'database';
    if (!answer) {
      const { outcome, exact, via } = await this.execute(tenantId, collection, request);
      path = via;
      const { total, relation } = boundedTotal({
        counted: outcome.counted,
        returned: outcome.returned,
        offset: request.offset,
        limit: request.limit,
        countLimit: this.repo.countLimit,
        exact: request.exactTotal,
      });
      answer = {
        collectionId: outcome.collectionId,
        version: outcome.version,
        results: outcome.results,
        total,
        totalRelation: relation,
      };
      if (key !== null && exact) this.cache.set(key, answer);
    }
    const took = performance.now() - started;
    this.metrics.searched(path, took / 1000);
    // The answer as JSON text, the results spliced in as PostgreSQL wrote them: serialised once, never
    // parsed here (SearchResponseDto is its shape).
    return (
      `{"query":${JSON.stringify(dto.query)},"collection":${JSON.stringify(collection)},` +
      `"results":${answer.results},"total":${answer.total},"total_relation":"${answer.totalRelation}",` +
      `"took_ms":${round(took, 2)}}`
    );
  }

  /**
   * Runs a search: one statement. Filters are compiled against the collection's schemas as last read
   * by this instance; the statement reads the collection's `schema_version` with the records, and
   * when the schemas changed since (on any instance), they are read again and the search runs again.
   * `exact: false` only when the schemas kept changing over every attempt: the answer is then as good
   * as one read of schemas before the records, and is not cached.
   */
  private async execute(
    tenantId: TenantId,
    collection: string,
    request: {
      query: string;
      fuzzy: boolean;
      limit: number;
      offset: number;
      recordType?: string;
      filters?: Record<string, unknown>;
      exactTotal: boolean;
    },
  ): Promise<{
    outcome: Extract<SearchOutcome, { found: true }>;
    exact: boolean;
    via: 'index' | 'database';
  }> {
    if (!request.filters) {
      const indexed = await this.index.search(tenantId, { ...request, collection });
      if (indexed) return { outcome: indexed, exact: true, via: 'index' };
    }
    const schemaKey = `${tenantId}\u0000${collection}`;
    let schemas = request.filters ? this.schemas.get(schemaKey) : undefined;
    for (let attempt = 1; ; attempt++) {
      let compiled: CompiledFilters = { filters: [], recordTypes: null };
      if (request.filters) {
        let fresh = false;
        if (!schemas) {
          schemas = await this.readSchemas(schemaKey, tenantId, collection);
          fresh = true;
        }
        try {
          compiled = compileFilters(schemas.schemas, request.recordType, request.filters);
        } catch (error) {
          // Refused by schemas kept from earlier: they may be out of date (a record type or field added
          // since). Only schemas read just now may refuse a filter.
          if (fresh || !(error instanceof ApiError)) throw error;
          schemas = await this.readSchemas(schemaKey, tenantId, collection);
          compiled = compileFilters(schemas.schemas, request.recordType, request.filters);
        }
      }
      const outcome = await this.repo.search(this.dataSource, tenantId, {
        collection,
        query: request.query,
        fuzzyTerms: request.fuzzy ? queryTerms(request.query) : [],
        limit: request.limit,
        offset: request.offset,
        recordType: request.recordType,
        recordTypes: compiled.recordTypes ?? undefined,
        filters: compiled.filters,
        exactTotal: request.exactTotal,
      });
      if (!outcome.found) {
        this.schemas.delete(schemaKey);
        throw ApiError.notFound('Collection');
      }
      this.index.observe(tenantId, collection, outcome.collectionId, outcome.version);
      if (
        !schemas ||
        (schemas.id === outcome.collectionId && schemas.schemaVersion === outcome.schemaVersion)
      )
        return { outcome, exact: true, via: 'database' };
      if (attempt === MAX_SCHEMA_ATTEMPTS) return { outcome, exact: false, via: 'database' };
      this.schemas.delete(schemaKey);
      schemas = undefined;
    }
  }

  /**
   * Reads a collection's schemas and keeps them for compiling filters (a bounded number of
   * collections, oldest out); 404 when there is no such collection.
   */
  private async readSchemas(key: string, tenantId: TenantId, collection: string): Promise<CollectionSchemas> {
    const read = await this.recordSchemas.byCollectionName(this.dataSource, tenantId, collection);
    if (!read) {
      this.schemas.delete(key);
      throw ApiError.notFound('Collection');
    }
    this.schemas.delete(key);
    if (this.schemas.size >= MAX_CACHED_SCHEMAS) this.schemas.delete(this.schemas.keys().next().value!);
    this.schemas.set(key, read);
    return read;
  }

  /** Public records of every tenant; each (tenant, collection) in the results counts one open search. */
  async openSearch(dto: OpenSearchDto): Promise<OpenSearchResponseDto> {
    const started = performance.now();
    const limit = dto.limit ?? DEFAULT_LIMIT;
    const exact = dto.exact_total ?? false;
    const { rows, counted } = await this.repo.openSearchAcrossTenants(this.dataSource, {
      query: dto.query,
      fuzzyTerms: queryTerms(dto.query),
      limit,
      collection: dto.collection,
      exactTotal: exact,
    });
    const appearances = new Map<string, { tenantId: TenantId; collection: string }>();
    for (const row of rows) {
      appearances.set(`${row.tenant_id}|${row.collection}`, {
        tenantId: row.tenant_id,
        collection: row.collection,
      });
    }
    this.metering.countOpenSearch(appearances.values());
    this.metrics.searched('open', (performance.now() - started) / 1000);
    const { total, relation } = boundedTotal({
      counted,
      returned: rows.length,
      offset: 0,
      limit,
      countLimit: this.repo.countLimit,
      exact,
    });
    return {
      results: rows.map((row) => ({
        ...toResult(row),
        collection: row.collection,
        provider: { tenant_id: row.tenant_id, name: publicName(row.tenant_name) },
      })),
      total,
      total_relation: relation,
    };
  }
}

function toResult(row: OpenSearchRow): SearchResultDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    record_type: row.record_type,
    visibility: row.visibility,
    score: round(Number(row.score), 6),
    collection_data: row.collection_data,
  };
}

/** Filters compiled against a collection's schemas, and the record types they can match. */
export interface CompiledFilters {
  filters: CompiledFilter[];
  /**
   * Without a `record_type` in the search: the record types in whose schema every filtered field is
   * filterable, with the type its filter was compiled for. Records of other types never match (a field
   * that is not filterable in a type is not filtered on there). Null when the search names its type.
   */
  recordTypes: string[] | null;
}

/**
 * `filters` → compiled filters. A field must be `filterable` in the schema of the searched record type
 * (or of some record type of the collection when none is given); values must fit the field's type. A
 * field filterable in several record types with different types is compiled for the first type its
 * value fits (`"5"` for a string field, `5` for a number field).
 */
export function compileFilters(
  schemas: { record_type: string; fields: FieldDefinition[] }[],
  recordType: string | undefined,
  filters: Record<string, unknown>,
): CompiledFilters {
  /** Filterable field → its types, each with the record types declaring it so, in schema order. */
  const filterable = new Map<string, Map<FieldType, string[]>>();
  for (const schema of schemas) {
    if (recordType && schema.record_type !== recordType) continue;
    for (const field of schema.fields) {
      if (!field.filterable) continue;
      const types = filterable.get(field.name) ?? new Map<FieldType, string[]>();
      types.set(field.type, [...(types.get(field.type) ?? []), schema.record_type]);
      filterable.set(field.name, types);
    }
  }
  const errors: FieldError[] = [];
  const out: CompiledFilter[] = [];
  let recordTypes: Set<string> | null = null;
  for (const [name, value] of Object.entries(filters)) {
    const path = `filters.${name}`;
    const types = filterable.get(name);
    if (!types) {
      errors.push({
        field: path,
        message: `is not a filterable field of this ${recordType ? 'record type' : 'collection'}${
          filterable.size ? ` (filterable: ${[...filterable.keys()].join(', ')})` : ''
        }`,
      });
      continue;
    }
    let first: string | null = null;
    let matched: { compiled: CompiledFilter; in: string[] } | null = null;
    for (const [type, declaring] of types) {
      const compiled = compileOne(name, type, value);
      if (typeof compiled !== 'string') {
        matched = { compiled, in: declaring };
        break;
      }
      first ??= compiled;
    }
    if (!matched) {
      errors.push({ field: path, message: first! });
      continue;
    }
    out.push(matched.compiled);
    recordTypes = intersect(recordTypes, matched.in);
  }
  if (errors.length > 0) {
    throw ApiError.validation(
      errors,
      errors.length === 1 ? `${errors[0].field}: ${errors[0].message}` : undefined,
    );
  }
  return { filters: out, recordTypes: recordType || recordTypes === null ? null : [...recordTypes].sort() };
}

/** The record types in both (all of `more` when `known` is null). */
function intersect(known: Set<string> | null, more: string[]): Set<string> {
  return new Set(known === null ? more : more.filter((type) => known.has(type)));
}

/** One filter, or the message saying why it is invalid. */
function compileOne(name: string, type: FieldType, value: unknown): CompiledFilter | string {
  if (value === null || value === undefined) return 'must be a value or {gte, lte}';
  if (Array.isArray(value)) return 'must be a single value or {gte, lte}, not a list';
  if (typeof value === 'object') {
    if (type !== 'number' && type !== 'integer' && type !== 'date') {
      return `range filters ({gte, lte}) apply to number, integer and date fields; this one is ${type}`;
    }
    const range = value as Record<string, unknown>;
    const unknown = Object.keys(range).filter((k) => k !== 'gte' && k !== 'lte');
    if (unknown.length > 0) return `unknown range key ${unknown.join(', ')} (use gte and lte)`;
    if (range.gte === undefined && range.lte === undefined) return 'a range needs gte, lte or both';
    const filter: Extract<CompiledFilter, { kind: 'range' }> = {
      kind: 'range',
      field: name,
      type: type === 'date' ? 'date' : 'number',
    };
    for (const bound of ['gte', 'lte'] as const) {
      const raw = range[bound];
      if (raw === undefined) continue;
      if (type === 'date') {
        const date = typeof raw === 'string' ? normalizeDate(raw) : null;
        if (date === null) return `${bound} must be a date in ISO 8601 form`;
        // A whole day: `lte: 2024-05-01` includes every instant of that day.
        if (bound === 'lte' && date.length === 10) filter.upper = { value: nextDay(date), inclusive: false };
        else if (bound === 'lte') filter.upper = { value: date, inclusive: true };
        // From midnight: the bare date too, so that stored dates of that day (which sort before any
        // instant of it) are in.
        else filter.lower = { value: date.endsWith(MIDNIGHT) ? date.slice(0, 10) : date, inclusive: true };
      } else {
        if (typeof raw !== 'number' || !Number.isFinite(raw)) return `${bound} must be a number`;
        if (bound === 'lte') filter.upper = { value: raw, inclusive: true };
        else filter.lower = { value: raw, inclusive: true };
      }
    }
    return filter;
  }
  if (type === 'string[]') {
    if (typeof value !== 'string') return 'must be a string (records whose list contains it match)';
    return { kind: 'equals', field: name, value };
  }
  const checked = checkValue(type, value);
  if (!checked.ok) return checked.message;
  if (type === 'date') {
    // A stored date (`2024-03-01`) is midnight UTC of that day, whichever form either side is in.
    const date = checked.value as string;
    const day = date.length === 10 ? date : date.endsWith(MIDNIGHT) ? date.slice(0, 10) : null;
    if (day !== null) return { kind: 'equals', field: name, value: day, or: `${day}${MIDNIGHT}` };
  }
  return { kind: 'equals', field: name, value: checked.value as string | number | boolean };
}

/** How normalised dates write midnight UTC. */
const MIDNIGHT = 'T00:00:00.000Z';
