import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import { ApiError } from '../../common/api-error.js';
import { actorOf, type Caller } from '../../common/principal.js';
import { isStorableText, UNSTORABLE_MESSAGE } from '../../common/storable-text.js';
import type { TenantId } from '../../common/tenant-id.js';
import { JobQueue } from '../../jobs/job-queue.service.js';
import { UPLOAD_MODES, type UploadFormat, type UploadMode } from '../collections.constants.js';
import { toUploadDto } from '../collections.mapper.js';
import type { CollectionRef } from '../collections.repository.js';
import { CollectionsRepository } from '../collections.repository.js';
import { CollectionsService } from '../collections.service.js';
import type {
  IngestAcceptedDto,
  IngestDto,
  UploadAcceptedDto,
  UploadDto,
  UploadListDto,
  UploadListQueryDto,
} from '../dto/upload.dto.js';
import { FileSyntaxError } from '../parsing/file-syntax-error.js';
import { isForeignKeyViolation } from '../pg-errors.js';
import { detectFormat, RowReader } from '../parsing/row-reader.js';
import { UploadsRepository } from '../uploads.repository.js';
import { fileChunks, MultipartBody, type MultipartPart } from './multipart-body.js';

export const UPLOAD_QUEUE = 'collections.upload';
/** Stored pieces of an uploaded file. */
const PIECE_BYTES = 1024 * 1024;

interface ReceivedFile {
  uploadId: string;
  format: UploadFormat;
  rows: number;
  size: number;
  parseError: FileSyntaxError | null;
}

const noRow = () => undefined;

function parseMode(value: string): UploadMode {
  const mode = value.trim() as UploadMode;
  if (!UPLOAD_MODES.includes(mode))
    throw ApiError.field('mode', `must be one of: ${UPLOAD_MODES.join(', ')}`);
  return mode;
}

/**
 * rules §5 upload and ingest: the request stores the bytes in the database (pieces of 1 MiB) while
 * parsing them once, so it can answer how many rows arrived — or fail an unparseable file at once,
 * changing nothing — and queues the upload on the durable queue; UploadProcessor does the rest on
 * whichever instance claims the job.
 */
@Injectable()
export class UploadsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly collections: CollectionsService,
    private readonly collectionsRepo: CollectionsRepository,
    private readonly uploads: UploadsRepository,
    private readonly queue: JobQueue,
    private readonly audit: AuditService,
  ) {}

  async receiveFile(
    caller: Caller,
    collection: string,
    recordType: string,
    body: MultipartBody,
  ): Promise<UploadAcceptedDto> {
    const tenantId = caller.principal.tenantId;
    let mode: UploadMode | undefined;
    let file: ReceivedFile | undefined;
    let ref: CollectionRef | undefined;
    try {
      ref = await this.dataSource.transaction((manager) =>
        this.collections.ensure(manager, tenantId, collection),
      );
      for await (const part of body.parts()) {
        if (part.kind === 'field') {
          if (part.name !== 'mode') {
            throw ApiError.field(
              part.name,
              'is not a field of an upload (send `file` and optionally `mode`)',
            );
          }
          // Two modes would leave the server to pick one; the client meant one of them.
          if (mode !== undefined) throw ApiError.field('mode', 'is given more than once: send one mode');
          mode = parseMode(part.value);
        } else {
          if (part.name !== 'file') {
            throw ApiError.field(part.name, 'is not a field of an upload: send the file as the part `file`');
          }
          file = await this.store(caller, ref, recordType, part);
        }
      }
      if (!file) throw ApiError.field('file', 'is required: send the file as the multipart part `file`');
    } catch (error) {
      body.abandon();
      if (file) await this.uploads.delete(this.dataSource, tenantId, file.uploadId).catch(() => undefined);
      // A refused upload (413, 415, 422, the client gone) changes nothing: not even the collection it
      // created, which would take one of the plan's collections.
      if (ref?.created) {
        await this.collectionsRepo.deleteIfUnused(this.dataSource, tenantId, ref.id).catch(() => undefined);
      }
      throw error;
    }
    const chosen = mode ?? 'append';
    if (file.parseError) return this.failUnparseable(caller, file, chosen, ref);
    const received = file;
    const queued = await this.dataSource.transaction(async (manager) => {
      const ok = await this.uploads.markReceived(manager, tenantId, received.uploadId, {
        mode: chosen,
        rowsTotal: received.rows,
        sizeBytes: received.size,
      });
      if (!ok) return false; // the collection was deleted meanwhile
      await this.queue.enqueue(
        UPLOAD_QUEUE,
        { upload_id: received.uploadId, tenant_id: tenantId },
        { manager },
      );
      return true;
    });
    if (!queued) throw ApiError.notFound('Collection');
    this.queue.wake();
    return { upload_id: received.uploadId, status: 'pending', rows_received: received.rows };
  }

  async ingest(
    caller: Caller,
    collection: string,
    recordType: string,
    dto: IngestDto,
  ): Promise<IngestAcceptedDto> {
    const tenantId = caller.principal.tenantId;
    const bytes = Buffer.from(dto.records.map((r) => JSON.stringify(r)).join('\n'), 'utf8');
    const uploadId = await this.dataSource.transaction(async (manager) => {
      const ref = await this.collections.ensure(manager, tenantId, collection);
      const id = await this.uploads.create(manager, tenantId, {
        collectionId: ref.id,
        recordType,
        mode: dto.mode ?? 'append',
        format: 'ndjson',
        status: 'pending',
        filename: null,
        actor: actorOf(caller.principal),
        ip: caller.ip,
        userAgent: caller.userAgent,
        rowsTotal: dto.records.length,
        sizeBytes: bytes.length,
      });
      await this.uploads.addChunk(manager, tenantId, id, 0, bytes);
      await this.queue.enqueue(UPLOAD_QUEUE, { upload_id: id, tenant_id: tenantId }, { manager });
      return id;
    });
    this.queue.wake();
    return { upload_id: uploadId, status: 'pending', accepted: dto.records.length };
  }

  async get(tenantId: TenantId, id: string): Promise<UploadDto> {
    const row = await this.uploads.get(this.dataSource, tenantId, id);
    if (!row) throw ApiError.notFound('Upload');
    return toUploadDto(row);
  }

  async list(tenantId: TenantId, query: UploadListQueryDto): Promise<UploadListDto> {
    let collectionId: string | null = null;
    if (query.collection) {
      const ref = await this.collectionsRepo.find(this.dataSource, tenantId, query.collection);
      if (!ref) throw ApiError.notFound('Collection');
      collectionId = ref.id;
    }
    const { rows, total } = await this.uploads.list(
      this.dataSource,
      tenantId,
      collectionId,
      query.limit,
      query.offset,
    );
    return { uploads: rows.map(toUploadDto), total };
  }

  /**
   * Streams the file into `upload_chunks` while parsing it (to count rows and find a broken file
   * now). The upload stays `receiving` (invisible) until the whole file is in.
   */
  private async store(
    caller: Caller,
    ref: CollectionRef,
    recordType: string,
    part: Extract<MultipartPart, { kind: 'file' }>,
  ): Promise<ReceivedFile> {
    const tenantId = caller.principal.tenantId;
    // The filename is stored (uploads.filename) and shown back: text PostgreSQL cannot hold is refused
    // like in any other text input, not cleaned up behind the client's back.
    if (!isStorableText(part.filename)) throw ApiError.field('file', `filename ${UNSTORABLE_MESSAGE}`);
    const format = detectFormat(part.filename, part.mimetype);
    if (!format) {
      throw new ApiError(
        415,
        'unsupported_media_type',
        `Unsupported file type${part.filename ? ` "${part.filename}"` : ''}: upload a .csv, .json, .ndjson or .jsonl file.`,
      );
    }
    let uploadId: string;
    try {
      uploadId = await this.uploads.create(this.dataSource, tenantId, {
        collectionId: ref.id,
        recordType,
        mode: 'append',
        format,
        status: 'receiving',
        filename: part.filename || null,
        actor: actorOf(caller.principal),
        ip: caller.ip,
        userAgent: caller.userAgent,
      });
    } catch (error) {
      // The collection was deleted since the request found (or created) it.
      if (isForeignKeyViolation(error)) throw ApiError.notFound('Collection');
      throw error;
    }
    try {
      const reader = new RowReader(format);
      let parseError: FileSyntaxError | null = null;
      let size = 0;
      let seq = 0;
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      for await (const chunk of fileChunks(part)) {
        size += chunk.length;
        if (parseError) continue; // read to the end (the answer comes after the body), store nothing more
        try {
          reader.write(chunk, noRow);
        } catch (error) {
          if (!(error instanceof FileSyntaxError)) throw error;
          parseError = error;
          continue;
        }
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= PIECE_BYTES) {
          await this.uploads.addChunk(
            this.dataSource,
            tenantId,
            uploadId,
            seq++,
            Buffer.concat(pending, pendingBytes),
          );
          pending = [];
          pendingBytes = 0;
        }
      }
      if (!parseError) {
        try {
          reader.end(noRow);
        } catch (error) {
          if (!(error instanceof FileSyntaxError)) throw error;
          parseError = error;
        }
      }
      if (!parseError && pendingBytes > 0) {
        await this.uploads.addChunk(
          this.dataSource,
          tenantId,
          uploadId,
          seq,
          Buffer.concat(pending, pendingBytes),
        );
      }
      return { uploadId, format, rows: reader.count, size, parseError };
    } catch (error) {
      await this.uploads.delete(this.dataSource, tenantId, uploadId).catch(() => undefined);
      // The collection was deleted while the file streamed in.
      if (isForeignKeyViolation(error)) throw ApiError.notFound('Collection');
      throw error;
    }
  }

  /**
   * A file that cannot be parsed: the upload fails at once, its bytes are dropped, nothing else changes
   * (rules §5) — not even the collection the request created, which would take one of the plan's
   * collections. The failed upload stays, detached, readable by its id.
   */
  private async failUnparseable(
    caller: Caller,
    file: ReceivedFile,
    mode: UploadMode,
    ref: CollectionRef,
  ): Promise<UploadAcceptedDto> {
    const tenantId = caller.principal.tenantId;
    const error = file.parseError!;
    const message = `The file cannot be parsed as ${file.format.toUpperCase()}: ${error.message}`;
    await this.dataSource.transaction(async (manager) => {
      await this.uploads.deleteChunks(manager, tenantId, file.uploadId);
      await this.uploads.markUnparseable(manager, tenantId, file.uploadId, {
        mode,
        sizeBytes: file.size,
        error: { row: error.row, message },
      });
      if (ref.created) await this.detachAndDropCreatedCollection(manager, tenantId, file.uploadId, ref.id);
      await this.audit.record(
        {
          tenantId: caller.principal.tenantId,
          action: 'upload.failed',
          actor: actorOf(caller.principal),
          target: { type: 'upload', id: file.uploadId },
          origin: caller,
          metadata: { reason: message, format: file.format, mode },
        },
        manager,
      );
    });
    return { upload_id: file.uploadId, status: 'failed', rows_received: 0 };
  }

  /**
   * The failed upload of an unparseable file that created its collection: the collection is dropped if
   * nothing else uses it (no records, schemas or other uploads), and the upload, detached, keeps its
   * name to be read by id.
   */
  private async detachAndDropCreatedCollection(
    manager: EntityManager,
    tenantId: TenantId,
    uploadId: string,
    collectionId: string,
  ): Promise<void> {
    await this.uploads.detach(manager, tenantId, uploadId);
    if (await this.collectionsRepo.deleteIfUnused(manager, tenantId, collectionId)) return;
    // Someone else uses it now: the upload stays attached to it.
    await this.uploads.reattach(manager, tenantId, uploadId, collectionId);
  }
}
