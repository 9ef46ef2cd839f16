import { MilestonesService } from '../tenancy/milestones.service.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Db } from '../common/sql.js';
import { AuditService } from '../audit/audit.service.js';
import { ApiError, type FieldError } from '../common/api-error.js';
import { actorOf, type Caller } from '../common/principal.js';
import type { TenantId } from '../common/tenant-id.js';
import type { PlanName } from '../common/vocabulary.js';
import { TenantsRepository } from '../tenancy/tenants.repository.js';
import { PLANS } from '../usage/plans.js';
import { RESERVED_FIELD_NAMES } from './collections.constants.js';
import { toFieldDtos } from './collections.mapper.js';
import { CollectionsRepository, type CollectionRef } from './collections.repository.js';
import type { CollectionListDto, CollectionSummaryDto } from './dto/collections.dto.js';
import type { CollectionSchemasDto, PutSchemaDto, SchemaDto } from './dto/schema.dto.js';
import { RecordSchemasRepository } from './record-schemas.repository.js';
import { RecordsRepository } from './records.repository.js';
import { ReindexService } from './reindex.service.js';
import type { FieldDefinition } from './schema/field-definition.js';

/** rules §5: collections (created on first use, within the plan's `max_collections`), their schemas and counters. */
@Injectable()
export class CollectionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: CollectionsRepository,
    private readonly schemas: RecordSchemasRepository,
    private readonly records: RecordsRepository,
    private readonly tenants: TenantsRepository,
    private readonly reindex: ReindexService,
    private readonly audit: AuditService,
    private readonly milestones: MilestonesService,
  ) {}

  /** The tenant's plan (what its limits follow). */
  async planOf(db: Db, tenantId: TenantId): Promise<PlanName> {
    const limits = await this.tenants.limits(db, tenantId);
    if (!limits) throw new Error(`tenant ${tenantId} not found`);
    return limits.plan;
  }

  /** The tenant's collection, or 404 (another tenant's collection is just as missing). */
  async require(tenantId: TenantId, name: string): Promise<CollectionRef> {
    const collection = await this.repo.find(this.dataSource, tenantId, name);
    if (!collection) throw ApiError.notFound('Collection');
    return collection;
  }

  /**
   * The collection, created when missing (inside the caller's transaction). Creation is serialised per
   * tenant, so concurrent creations never exceed `max_collections` (403 `plan_limit_reached`).
   */
  async ensure(manager: EntityManager, tenantId: TenantId, name: string): Promise<CollectionRef> {
    const existing = await this.repo.find(manager, tenantId, name, true);
    if (existing) return existing;
    await this.repo.lockCollections(manager, tenantId);
    const raced = await this.repo.find(manager, tenantId, name, true);
    if (raced) return raced;
    const plan = await this.planOf(manager, tenantId);
    const max = PLANS[plan].maxCollections;
    if (max >= 0 && (await this.repo.count(manager, tenantId)) >= max) {
      throw ApiError.forbidden(
        `The ${plan} plan allows at most ${max} collections; delete one or change the plan.`,
        'plan_limit_reached',
        { limit: max },
      );
    }
    return { ...(await this.repo.insert(manager, tenantId, name)), created: true };
  }

  async list(tenantId: TenantId): Promise<CollectionListDto> {
    const db = this.dataSource;
    const [plan, collections, counts, schemaTypes] = await Promise.all([
      this.planOf(db, tenantId),
      this.repo.list(db, tenantId),
      this.records.statusCounts(db, tenantId),
      this.schemas.typesOfTenant(db, tenantId),
    ]);
    const byId = new Map<string, CollectionSummaryDto & { types: Set<string> }>();
    for (const c of collections) {
      byId.set(c.id, {
        name: c.name,
        record_types: [],
        types: new Set(),
        total_records: 0,
        indexed: 0,
        pending: 0,
        processing: 0,
        failed: 0,
        has_pending_replace: c.has_pending_replace,
      });
    }
    for (const row of counts) {
      const summary = byId.get(row.collection_id);
      if (!summary) continue; // created after the list was read
      summary.types.add(row.record_type);
      summary.total_records += row.n;
      summary[row.indexing_status] += row.n;
    }
    for (const row of schemaTypes) byId.get(row.collection_id)?.types.add(row.record_type);
    let total = 0;
    const out: CollectionSummaryDto[] = [];
    for (const { types, ...summary } of byId.values()) {
      total += summary.total_records;
      out.push({ ...summary, record_types: [...types].sort() });
    }
    const limits = PLANS[plan];
    return {
      collections: out,
      plan,
      record_limit: limits.recordsCapped ? limits.recordsIncluded : null,
      total_records: total,
    };
  }

  /** Live records of the tenant (staged replace rows excluded): what usage reports (rules §7). */
  async totalRecords(tenantId: TenantId): Promise<number> {
    return (await this.records.statusCounts(this.dataSource, tenantId)).reduce((sum, row) => sum + row.n, 0);
  }

  /** Per collection: record and public counts, last change. */
  analytics(tenantId: TenantId): ReturnType<CollectionsRepository['analytics']> {
    return this.repo.analytics(this.dataSource, tenantId);
  }

  /** Deletes a collection with all its records, schemas and uploads. */
  async remove(caller: Caller, name: string): Promise<void> {
    const tenantId = caller.principal.tenantId;
    await this.dataSource.transaction(async (manager) => {
      // Records first, then the collection row: the order record writers take them in (no deadlock).
      // Writers arriving after the collection row is deleted wait for it, then find no collection.
      const id = await this.repo.lockForDelete(manager, tenantId, name);
      if (!id) throw ApiError.notFound('Collection');
      await this.records.deleteAllOf(manager, tenantId, id);
      await this.repo.delete(manager, tenantId, id);
      await this.audit.record(
        {
          tenantId,
          action: 'collection.deleted',
          actor: actorOf(caller.principal),
          target: { type: 'collection', id },
          origin: caller,
          metadata: { name },
        },
        manager,
      );
    });
  }

  /**
   * Creates or replaces a record type's schema (creating the collection when needed). Existing
   * records of the type are re-validated and re-indexed against it in the background.
   */
  async putSchema(
    caller: Caller,
    collection: string,
    recordType: string,
    dto: PutSchemaDto,
  ): Promise<SchemaDto> {
    const tenantId = caller.principal.tenantId;
    const fields = checkFields(dto);
    const saved = await this.dataSource.transaction(async (manager) => {
      const ref = await this.ensure(manager, tenantId, collection);
      const row = await this.schemas.upsert(manager, tenantId, ref.id, recordType, fields);
      await this.milestones.record(tenantId, 'define_schema', manager);
      await this.reindex.enqueueForSchema(manager, tenantId, ref.id, recordType, row.updated_at);
      return row;
    });
    this.reindex.wake();
    return {
      collection,
      record_type: saved.record_type,
      fields: toFieldDtos(saved.fields),
      updated_at: saved.updated_at.toISOString(),
    };
  }

  async getSchemas(tenantId: TenantId, collection: string): Promise<CollectionSchemasDto> {
    const ref = await this.require(tenantId, collection);
    const rows = await this.schemas.ofCollection(this.dataSource, tenantId, ref.id);
    return {
      collection: ref.name,
      record_types: rows.map((r) => ({
        record_type: r.record_type,
        fields: toFieldDtos(r.fields),
        updated_at: r.updated_at.toISOString(),
      })),
    };
  }
}

/** Field names unique, not shadowing record fields; defaults filled in. */
function checkFields(dto: PutSchemaDto): FieldDefinition[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  dto.fields.forEach((field, i) => {
    if (RESERVED_FIELD_NAMES.has(field.name)) {
      errors.push({
        field: `fields[${i}].name`,
        message: `"${field.name}" is a record field, not a collection_data field`,
      });
    } else if (field.name in Object.prototype || field.name === 'prototype') {
      // JSON bodies cannot carry such keys (prototype-pollution guards refuse or drop them).
      errors.push({ field: `fields[${i}].name`, message: `"${field.name}" is a reserved name` });
    } else if (seen.has(field.name)) {
      errors.push({ field: `fields[${i}].name`, message: `"${field.name}" is defined twice` });
    }
    seen.add(field.name);
  });
  if (errors.length > 0) {
    throw ApiError.validation(
      errors,
      errors.length === 1 ? `${errors[0].field}: ${errors[0].message}` : undefined,
    );
  }
  return dto.fields.map((f) => ({
    name: f.name,
    type: f.type,
    required: f.required ?? false,
    searchable: f.searchable ?? false,
    filterable: f.filterable ?? false,
  }));
}
