import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ApiError } from '../common/api-error.js';
import { tenantIdFromRow, type TenantId } from '../common/tenant-id.js';
import { JobQueue, type JobContext } from '../jobs/job-queue.service.js';
import { CollectionsRepository } from './collections.repository.js';
import type { ReindexAcceptedDto } from './dto/collections.dto.js';
import { RecordSchemasRepository } from './record-schemas.repository.js';
import { RecordsRepository, type KeyedRecordRow } from './records.repository.js';
import type { FieldDefinition } from './schema/field-definition.js';
import { prepareRecord, type PreparedRecord } from './schema/record-validation.js';

export const REINDEX_QUEUE = 'collections.reindex';
const PAGE = 1000;

/** A reindex job as queued (JSON: its tenant id is a plain string, see `tenantIdFromRow`). */
interface ReindexPayload {
  tenant_id: string;
  collection_id: string;
  record_type: string | null;
}

/**
 * Re-validates a collection's records against the current schemas and re-indexes them (status,
 * error, coerced data and searchable text), on the durable queue: page by page in insertion
 * order, each page one UPDATE. Idempotent, so a run interrupted by a restart simply runs again.
 */
@Injectable()
export class ReindexService implements OnModuleInit {
  private readonly logger = new Logger('Reindex');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: JobQueue,
    private readonly collections: CollectionsRepository,
    private readonly schemas: RecordSchemasRepository,
    private readonly records: RecordsRepository,
  ) {}

  onModuleInit(): void {
    this.queue.work(REINDEX_QUEUE, (payload, ctx) => this.run(payload as unknown as ReindexPayload, ctx), {
      concurrency: 1,
      leaseSeconds: 120,
    });
  }

  /** `POST /reindex/{collection}`: queues a reindex of every record of the collection. */
  async request(tenantId: TenantId, collection: string): Promise<ReindexAcceptedDto> {
    const ref = await this.collections.find(this.dataSource, tenantId, collection);
    if (!ref) throw ApiError.notFound('Collection');
    const records = await this.records.countLive(this.dataSource, tenantId, ref.id);
    const payload: ReindexPayload = { tenant_id: tenantId, collection_id: ref.id, record_type: null };
    // A reindex of this collection already waiting covers this request too.
    await this.queue.enqueue(REINDEX_QUEUE, { ...payload }, { singletonKey: `reindex:${ref.id}` });
    return { collection: ref.name, status: 'pending', records };
  }

  /** After a schema change: re-validate that record type (one job per schema version). */
  async enqueueForSchema(
    manager: EntityManager,
    tenantId: TenantId,
    collectionId: string,
    recordType: string,
    version: Date,
  ): Promise<void> {
    const payload: ReindexPayload = {
      tenant_id: tenantId,
      collection_id: collectionId,
      record_type: recordType,
    };
    await this.queue.enqueue(
      REINDEX_QUEUE,
      { ...payload },
      {
        manager,
        singletonKey: `reindex:${collectionId}:${recordType}:${version.getTime()}`,
      },
    );
  }

  wake(): void {
    this.queue.wake();
  }

  private async run(payload: ReindexPayload, ctx: JobContext): Promise<void> {
    const tenantId = tenantIdFromRow(payload.tenant_id);
    const schemas = await this.schemas.ofCollection(this.dataSource, tenantId, payload.collection_id);
    const fieldsByType = new Map<string, FieldDefinition[]>(schemas.map((s) => [s.record_type, s.fields]));
    let after: string | null = null;
    let changed = 0;
    for (;;) {
      const page: KeyedRecordRow[] = await this.records.page(
        this.dataSource,
        tenantId,
        payload.collection_id,
        payload.record_type ?? undefined,
        after,
        PAGE,
      );
      if (page.length === 0) break;
      const updates: { id: string; updatedKey: string; record: PreparedRecord }[] = [];
      for (const row of page) {
        const record = prepareRecord(
          {
            name: row.name,
            description: row.description,
            external_id: row.external_id,
            visibility: row.visibility,
            collection_data: row.collection_data,
          },
          fieldsByType.get(row.record_type) ?? null,
          // Text values are coerced as CSV cells are: rows uploaded before the schema existed were kept
          // as text ("5", "a|b", "yes"), and become the schema's types now instead of failing.
          true,
        );
        updates.push({ id: row.id, updatedKey: row.updated_key, record });
      }
      await this.dataSource.transaction((manager) =>
        this.records.applyReindex(manager, tenantId, payload.collection_id, updates),
      );
      changed += updates.length;
      after = page[page.length - 1].seq;
      await ctx.heartbeat();
      if (ctx.signal.aborted) throw new Error('reindex interrupted by shutdown');
    }
    this.logger.debug(`reindexed ${changed} records of collection ${payload.collection_id}`);
  }
}
