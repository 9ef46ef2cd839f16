import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error.js';
import type { Caller } from '../common/principal.js';
import type { TenantId } from '../common/tenant-id.js';
import { CollectionWordsRepository } from './collection-words.repository.js';
import { toRecordDto } from './collections.mapper.js';
import { CollectionsService } from './collections.service.js';
import type {
  CreateRecordDto,
  RecordDto,
  RecordListDto,
  RecordListQueryDto,
  UpdateRecordDto,
} from './dto/record.dto.js';
import { RecordQuota } from './record-quota.service.js';
import { RecordSchemasRepository } from './record-schemas.repository.js';
import { ExternalIdTaken, RecordsRepository } from './records.repository.js';
import { prepareRecord, validateCollectionData, type RecordInput } from './schema/record-validation.js';
import { dictionaryWords } from './schema/words.js';

const externalIdTaken = (id: string | null) =>
  ApiError.conflict(`A record with external_id "${id}" already exists in this collection and record type.`);

/**
 * rules §5 entities: single-record reads and writes. A write is validated against the record type's
 * schema (422 naming each `collection_data` field) and stored already indexed, in one statement: it is
 * searchable as soon as the answer leaves.
 */
@Injectable()
export class RecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly collections: CollectionsService,
    private readonly schemas: RecordSchemasRepository,
    private readonly words: CollectionWordsRepository,
    private readonly records: RecordsRepository,
    private readonly quota: RecordQuota,
  ) {}

  async create(
    caller: Caller,
    collection: string,
    recordType: string,
    dto: CreateRecordDto,
  ): Promise<RecordDto> {
    const tenantId = caller.principal.tenantId;
    const input: RecordInput = {
      name: dto.name,
      description: dto.description ?? null,
      external_id: dto.external_id ?? null,
      visibility: dto.visibility ?? 'private',
      collection_data: dto.collection_data ?? {},
    };
    const { row, collectionId } = await this.dataSource.transaction(async (manager) => {
      const ref = await this.collections.ensure(manager, tenantId, collection);
      const fields = await this.schemas.fields(manager, tenantId, ref.id, recordType);
      const record = this.validOrThrow(input, fields);
      await this.quota.requireRoom(manager, tenantId);
      try {
        const inserted = await this.records.insertOne(
          manager,
          tenantId,
          { collectionId: ref.id, recordType },
          record,
        );
        return { row: inserted, collectionId: ref.id };
      } catch (error) {
        if (error instanceof ExternalIdTaken) throw externalIdTaken(input.external_id);
        throw error;
      }
    });
    await this.words.add(
      this.dataSource,
      tenantId,
      collectionId,
      dictionaryWords([row.name, row.description]),
    );
    return toRecordDto(row, collection);
  }

  async get(tenantId: TenantId, collection: string, id: string): Promise<RecordDto> {
    const ref = await this.collections.require(tenantId, collection);
    const row = await this.records.findLive(this.dataSource, tenantId, ref.id, id);
    if (!row) throw ApiError.notFound('Record');
    return toRecordDto(row, ref.name);
  }

  async list(tenantId: TenantId, collection: string, query: RecordListQueryDto): Promise<RecordListDto> {
    const ref = await this.collections.require(tenantId, collection);
    const { rows, total } = await this.records.list(
      this.dataSource,
      tenantId,
      ref.id,
      query.record_type,
      query.limit,
      query.offset,
    );
    return { items: rows.map((r) => toRecordDto(r, ref.name)), total };
  }

  /** Partial update; `collection_data` is merged key by key (null removes a key), then re-validated. */
  async update(caller: Caller, collection: string, id: string, dto: UpdateRecordDto): Promise<RecordDto> {
    const tenantId = caller.principal.tenantId;
    const ref = await this.collections.require(tenantId, collection);
    const row = await this.dataSource.transaction(async (manager) => {
      const current = await this.records.lockLive(manager, tenantId, ref.id, id);
      if (!current) throw ApiError.notFound('Record');
      const data = { ...current.collection_data };
      for (const [key, value] of Object.entries(dto.collection_data ?? {})) {
        if (value === null) delete data[key];
        else data[key] = value;
      }
      const input: RecordInput = {
        name: dto.name ?? current.name,
        description: dto.description !== undefined ? dto.description : current.description,
        external_id: dto.external_id !== undefined ? dto.external_id : current.external_id,
        visibility: dto.visibility ?? current.visibility,
        collection_data: data,
      };
      const fields = await this.schemas.fields(manager, tenantId, ref.id, current.record_type);
      const record = this.validOrThrow(input, fields);
      try {
        return await this.records.update(manager, tenantId, id, record);
      } catch (error) {
        if (error instanceof ExternalIdTaken) throw externalIdTaken(input.external_id);
        throw error;
      }
    });
    await this.words.add(this.dataSource, tenantId, ref.id, dictionaryWords([row.name, row.description]));
    return toRecordDto(row, ref.name);
  }

  async remove(caller: Caller, collection: string, id: string): Promise<void> {
    const tenantId = caller.principal.tenantId;
    const ref = await this.collections.require(tenantId, collection);
    if (!(await this.records.deleteLive(this.dataSource, tenantId, ref.id, id))) {
      throw ApiError.notFound('Record');
    }
  }

  private validOrThrow(input: RecordInput, fields: Parameters<typeof prepareRecord>[1]) {
    const { errors } = validateCollectionData(fields, input.collection_data, false);
    if (errors.length > 0) {
      throw ApiError.validation(
        errors,
        errors.length === 1
          ? `${errors[0].field}: ${errors[0].message}`
          : 'collection_data does not match the schema of this record type.',
      );
    }
    return prepareRecord(input, fields, false);
  }
}
