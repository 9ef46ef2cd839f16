import { SearchIndex } from '../search-index/search-index.service.js';
import { MilestonesService } from '../../tenancy/milestones.service.js';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import { tenantIdFromRow, type TenantId } from '../../common/tenant-id.js';
import { JobQueue, type JobContext } from '../../jobs/job-queue.service.js';
import { MAX_UPLOAD_ERRORS } from '../collections.constants.js';
import { CollectionWordsRepository } from '../collection-words.repository.js';
import type { UploadRowError } from '../entities/upload.entity.js';
import { FileSyntaxError } from '../parsing/file-syntax-error.js';
import { RowReader, type ParsedRow } from '../parsing/row-reader.js';
import { Metrics } from '../../metrics/metrics.service.js';
import { TenantEvents } from '../../webhook-endpoints/tenant-events.service.js';
import { planLimitMessage, RecordQuota } from '../record-quota.service.js';
import { RecordSchemasRepository } from '../record-schemas.repository.js';
import { RecordsRepository, type RecordScope } from '../records.repository.js';
import type { FieldDefinition } from '../schema/field-definition.js';
import { mapRow, prepareRecord, type PreparedRecord } from '../schema/record-validation.js';
import { dictionaryWords } from '../schema/words.js';
import { UploadsRepository, type UploadRow } from '../uploads.repository.js';
import { UPLOAD_QUEUE } from './uploads.service.js';

/** Rows written per transaction. */
export const CHUNK_ROWS = 10_000;
/** Chunk transactions of one upload running at once. */
const MAX_WRITES_IN_FLIGHT = 2;
/** Uploads at least this large are followed by index maintenance (GIN pending lists, statistics). */
const BULK_LOAD_ROWS = 10_000;
/** An upload whose file stopped arriving this long ago is dropped (client or server went away). */
const STALE_RECEIVING_SECONDS = 15 * 60;
const SWEEP_INTERVAL_MS = 5 * 60 * 1000;

/** Another run of this upload moved on (or it was deleted): this run stops without writing. */
class Superseded extends Error {}

interface Candidate {
  row: number;
  record: PreparedRecord;
}

/** A chunk's rows mapped and validated, ready to write. */
interface PreparedChunk {
  /** Rows in the chunk (all of them count in `rows_done`). */
  size: number;
  candidates: Candidate[];
  errors: UploadRowError[];
  /** Rows overwritten by a later row of the same external_id in the chunk (counted as indexed). */
  superseded: number;
}

const alreadyExists = (id: string) =>
  `external_id "${id}" already exists in this collection and record type (use mode upsert to update it)`;

/**
 * Works queued uploads on the durable queue. The rows are read back from the stored bytes and
 * written in chunks of `CHUNK_ROWS`: each chunk's records and the upload's progress (`rows_done`) commit in
 * one transaction, under a lock on the upload row, so a run that dies resumes after the last committed
 * chunk and never writes a row twice. A `replace` upload stages its rows and swaps them in at the end,
 * in one transaction; if it fails, the staged rows are dropped and nothing has changed.
 */
/** The tenant a processing job names (jobs queued before they did name none). */
function tenantOf(payload: Record<string, unknown>): TenantId | undefined {
  return typeof payload.tenant_id === 'string' ? tenantIdFromRow(payload.tenant_id) : undefined;
}

/** Errors an `upload.*` event carries (the upload itself keeps the first 100). */
const EVENT_ERRORS = 10;

/** The data of `upload.completed` / `upload.failed` (rules §11). */
function uploadEvent(id: string, upload: UploadRow, status: 'completed' | 'failed'): Record<string, unknown> {
  return {
    upload_id: id,
    collection: upload.collection,
    record_type: upload.record_type,
    mode: upload.mode,
    status,
    rows_total: upload.rows_total,
    rows_indexed: upload.rows_indexed,
    rows_failed: upload.rows_failed,
    errors: upload.errors.slice(0, EVENT_ERRORS),
    finished_at: new Date().toISOString(),
  };
}

@Injectable()
export class UploadProcessor implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Uploads');
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: JobQueue,
    private readonly uploads: UploadsRepository,
    private readonly records: RecordsRepository,
    private readonly schemas: RecordSchemasRepository,
    private readonly words: CollectionWordsRepository,
    private readonly quota: RecordQuota,
    private readonly metrics: Metrics,
    private readonly events: TenantEvents,
    private readonly audit: AuditService,
    private readonly milestones: MilestonesService,
    private readonly searchIndex: SearchIndex,
  ) {}

  onModuleInit(): void {
    this.queue.work(
      UPLOAD_QUEUE,
      (payload, ctx) => this.process(String(payload.upload_id), ctx, tenantOf(payload)),
      {
        concurrency: 2,
        // Renewed after every chunk: a worker that died is taken over within half a minute.
        leaseSeconds: 30,
        backoffBaseSeconds: 2,
        backoffMaxSeconds: 300,
        onExhausted: async (payload, error, manager) => {
          const uploadId = String(payload.upload_id);
          const tenantId = tenantOf(payload) ?? (await this.uploads.tenantOfForWorker(manager, uploadId));
          if (tenantId) await this.fail(manager, tenantId, uploadId, error.message);
        },
      },
    );
  }

  onApplicationBootstrap(): void {
    const sweep = () =>
      void this.uploads
        .deleteStaleReceivingAcrossTenants(this.dataSource, STALE_RECEIVING_SECONDS)
        .catch((error: Error) => this.logger.warn(`sweeping abandoned uploads failed: ${error.message}`));
    sweep();
    this.sweepTimer = setInterval(sweep, SWEEP_INTERVAL_MS);
    this.sweepTimer.unref();
  }

  onApplicationShutdown(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
  }

  /**
   * The job handler (also callable directly): processes the upload from where its last run stopped.
   * Jobs name the upload's tenant; one queued before they did (or a direct call without it) looks it up.
   */
  async process(
    uploadId: string,
    ctx: Pick<JobContext, 'signal' | 'heartbeat'>,
    knownTenantId?: TenantId,
  ): Promise<void> {
    const tenantId = knownTenantId ?? (await this.uploads.tenantOfForWorker(this.dataSource, uploadId));
    if (!tenantId) return;
    const upload = await this.uploads.find(this.dataSource, tenantId, uploadId);
    if (!upload || (upload.status !== 'pending' && upload.status !== 'processing')) return;
    // Only a failed upload is ever detached from its collection (an unparseable file's, see UploadsService).
    const collectionId = upload.collection_id;
    if (collectionId === null) return;
    if (upload.status === 'pending') {
      await this.dataSource.transaction((manager) =>
        this.uploads.markProcessing(manager, tenantId, uploadId),
      );
    }
    const fields = await this.schemas.fields(this.dataSource, tenantId, collectionId, upload.record_type);
    const scope: RecordScope = { collectionId, recordType: upload.record_type };
    const resumeAt = upload.rows_done;
    let done = resumeAt;
    let seen = 0;
    let batch: ParsedRow[] = [];
    // Up to two chunks are written at once (PostgreSQL works on both while the next one is parsed),
    // but they commit in file order: a chunk's progress update waits until the chunk before it has
    // committed, so `rows_done` always covers a prefix of the file. Chunks sharing an external id, and
    // uploads of capped plans (their record count is decided chunk after chunk), are written one by one.
    const capped = (await this.quota.capOf(tenantId)) !== null;
    const parallel = capped ? 1 : MAX_WRITES_IN_FLIGHT;
    const inFlight: { done: Promise<number>; ids: Set<string> }[] = [];
    let expected = done;
    const settleOldest = async () => {
      done = await inFlight.shift()!.done;
      await ctx.heartbeat();
      if (ctx.signal.aborted) throw new Error('upload interrupted by shutdown; it resumes on the next start');
    };
    const flush = async (rows: ParsedRow[]) => {
      const prepared = this.prepare(upload, fields, rows);
      const ids = new Set(
        prepared.candidates.flatMap((c) => (c.record.external_id !== null ? [c.record.external_id] : [])),
      );
      while (
        inFlight.length >= parallel ||
        (inFlight.length > 0 && inFlight.some((w) => intersects(w.ids, ids)))
      ) {
        await settleOldest();
      }
      // The chunk's words join the fuzzy-search dictionary first (idempotent: a repeated run adds nothing).
      await this.words.add(
        this.dataSource,
        tenantId,
        collectionId,
        dictionaryWords(prepared.candidates.flatMap((c) => [c.record.name, c.record.description])),
      );
      const seqs = await this.records.allocateSeqs(this.dataSource, prepared.candidates.length);
      const previous = inFlight.length > 0 ? inFlight[inFlight.length - 1].done : Promise.resolve(expected);
      const written = this.write(upload, scope, prepared, expected, seqs, previous, capped);
      written.catch(() => undefined); // settled in order below; never an unhandled rejection meanwhile
      inFlight.push({ done: written, ids });
      expected += prepared.size;
    };
    try {
      for await (const rows of this.readRows(upload)) {
        for (const row of rows) {
          if (++seen <= resumeAt) continue; // committed by an earlier run
          batch.push(row);
          if (batch.length >= CHUNK_ROWS) {
            await flush(batch);
            batch = [];
          }
        }
      }
      if (batch.length > 0) await flush(batch);
      while (inFlight.length > 0) await settleOldest();
    } catch (error) {
      // Never leave a write running behind a failure.
      await Promise.allSettled(inFlight.map((w) => w.done));
      if (error instanceof Superseded) return;
      if (error instanceof FileSyntaxError) {
        // The stored bytes parsed when they arrived: only damage to them gets here. Retrying cannot help.
        await this.dataSource.transaction((manager) =>
          this.fail(manager, tenantId, uploadId, `The stored file cannot be parsed: ${error.message}`),
        );
        return;
      }
      throw error;
    }
    await this.complete(tenantId, uploadId, scope);
  }

  /** The file's rows, read back piece by piece from the database. */
  private async *readRows(upload: UploadRow): AsyncGenerator<ParsedRow[]> {
    const reader = new RowReader(upload.format);
    for (let seq = 0; ; seq++) {
      const data = await this.uploads.chunk(this.dataSource, upload.tenant_id, upload.id, seq);
      if (!data) break;
      const rows: ParsedRow[] = [];
      reader.write(data, (row) => rows.push(row));
      yield rows;
    }
    const rows: ParsedRow[] = [];
    reader.end((row) => rows.push(row));
    yield rows;
  }

  /** Maps and validates one chunk's rows (no database work). */
  private prepare(upload: UploadRow, fields: FieldDefinition[] | null, batch: ParsedRow[]): PreparedChunk {
    const errors: UploadRowError[] = [];
    const candidates: Candidate[] = [];
    for (const parsed of batch) {
      if (parsed.error !== undefined) {
        errors.push({ row: parsed.row, message: `row ${parsed.error}` });
        continue;
      }
      const mapped = mapRow(parsed.values, parsed.fromText);
      if (mapped.error !== undefined) {
        errors.push({ row: parsed.row, message: mapped.error });
        continue;
      }
      candidates.push({ row: parsed.row, record: prepareRecord(mapped.input, fields, parsed.fromText) });
    }
    const deduped = dedupeExternalIds(upload, candidates, errors);
    // A row superseded by a later row of the same external_id was applied, then overwritten.
    let superseded = 0;
    for (const c of deduped.superseded) {
      if (c.record.indexing_status === 'indexed') superseded++;
      else errors.push({ row: c.row, message: c.record.indexing_error ?? 'failed validation' });
    }
    return { size: batch.length, candidates: deduped.kept, errors, superseded };
  }

  /**
   * Writes one prepared chunk and the upload's progress in one transaction, under a lock on the upload
   * row; answers the new `rows_done`. A run that finds the upload moved on (another run, or deleted) stops.
   */
  private async write(
    upload: UploadRow,
    scope: RecordScope,
    chunk: PreparedChunk,
    done: number,
    seqs: string[],
    previous: Promise<number>,
    capped: boolean,
  ): Promise<number> {
    const started = performance.now();
    const next = done + chunk.size;
    const seqOf = new Map(chunk.candidates.map((c, i) => [c, seqs[i]]));
    await this.dataSource.transaction(async (manager) => {
      const errors = [...chunk.errors];
      let candidates = chunk.candidates;
      // External ids of this chunk that already exist where it writes (live, or this replace's staged rows).
      // An uncapped append does not need them up front: a taken id makes the fast insert fall back below.
      const ids = candidates.flatMap((c) => (c.record.external_id !== null ? [c.record.external_id] : []));
      const existing =
        ids.length === 0 || (upload.mode === 'append' && !capped)
          ? new Set<string>()
          : upload.mode === 'replace'
            ? await this.records.stagedExternalIds(manager, upload.tenant_id, upload.id, ids)
            : await this.records.existingExternalIds(manager, upload.tenant_id, scope, ids);
      if (upload.mode === 'append' && existing.size > 0) {
        candidates = candidates.filter((c) => {
          if (c.record.external_id === null || !existing.has(c.record.external_id)) return true;
          errors.push({ row: c.row, message: alreadyExists(c.record.external_id) });
          return false;
        });
      }
      const kept = await this.applyCap(manager, upload, scope, candidates, existing, errors, previous);
      const records = kept.map((c) => c.record);
      const keptSeqs = kept.map((c) => seqOf.get(c)!);
      const stagedFor = upload.mode === 'replace' ? upload.id : null;
      const updates =
        upload.mode !== 'append' &&
        kept.some((c) => c.record.external_id !== null && existing.has(c.record.external_id));
      const insert = (conflict: 'none' | 'skip' | 'update') =>
        this.records.insertChunk(manager, upload.tenant_id, scope, stagedFor, records, keptSeqs, conflict);
      const { conflicts } = updates
        ? await insert('update')
        : await this.records.withUniqueFallback(
            manager,
            () => insert('none'),
            // A concurrent writer took one of these external ids meanwhile.
            () => insert(upload.mode === 'append' ? 'skip' : 'update'),
          );
      let indexed = chunk.superseded;
      for (const c of kept) {
        if (c.record.external_id !== null && conflicts.has(c.record.external_id)) {
          errors.push({ row: c.row, message: alreadyExists(c.record.external_id) });
        } else if (c.record.indexing_status === 'indexed') {
          indexed++;
        } else {
          errors.push({ row: c.row, message: c.record.indexing_error ?? 'failed validation' });
        }
      }
      errors.sort((a, b) => a.row - b.row);
      // Commit in file order: the chunk before this one first (its failure fails this one too).
      await previous;
      const applied = await this.uploads.advance(manager, upload.tenant_id, upload.id, {
        expectedDone: done,
        rowsDone: next,
        indexed,
        failed: chunk.size - indexed,
        errors,
      });
      if (!applied) throw new Superseded();
    });
    this.logger.debug(
      `upload ${upload.id}: rows ${done + 1}–${next} written in ${Math.round(performance.now() - started)} ms`,
    );
    return next;
  }

  /** Keeps the candidates the record cap has room for; the others fail with `plan_limit_reached`. */
  private async applyCap(
    manager: EntityManager,
    upload: UploadRow,
    scope: RecordScope,
    candidates: Candidate[],
    existing: Set<string>,
    errors: UploadRowError[],
    previous: Promise<unknown>,
  ): Promise<Candidate[]> {
    if (candidates.length === 0) return candidates;
    // Rows that update an existing record (upsert, or a repeat within a replace) take no new room.
    const isNew = (c: Candidate) => c.record.external_id === null || !existing.has(c.record.external_id);
    const wanted = candidates.filter(isNew).length;
    const { allowed, cap } = await this.quota.allowance(
      manager,
      upload.tenant_id,
      wanted,
      upload.mode === 'replace' ? { ...scope, uploadId: upload.id } : undefined,
      previous,
    );
    if (allowed >= wanted) return candidates;
    let room = allowed;
    return candidates.filter((c) => {
      if (!isNew(c)) return true;
      if (room > 0) {
        room--;
        return true;
      }
      errors.push({ row: c.row, message: planLimitMessage(cap) });
      return false;
    });
  }

  /** All rows written: completes the upload (a replace swaps its staged rows in, in the same transaction). */
  private async complete(tenantId: TenantId, uploadId: string, scope: RecordScope): Promise<void> {
    let counted: { indexed: number; failed: number; collection: string } | null = null;
    const rowsTotal = await this.dataSource.transaction(async (manager) => {
      const locked = await this.uploads.lock(manager, tenantId, uploadId);
      if (!locked || locked.status !== 'processing') return 0;
      if (locked.mode === 'replace') {
        // A file whose rows were all refused (no name, over the record cap…) replaces nothing: emptying
        // the record type is for a file without rows.
        if (locked.rows_total > 0 && !(await this.records.hasStaged(manager, tenantId, uploadId))) {
          await this.fail(
            manager,
            tenantId,
            uploadId,
            'no row of the file could be stored (see errors); nothing was replaced',
          );
          return 0;
        }
        await this.records.swapIn(manager, tenantId, scope, uploadId);
      }
      await this.uploads.finish(manager, tenantId, uploadId, 'completed');
      await this.uploads.deleteChunks(manager, tenantId, uploadId);
      await this.milestones.record(locked.tenant_id, 'upload_data', manager);
      await this.audit.record(
        {
          tenantId: locked.tenant_id,
          action: 'upload.completed',
          actor: { type: locked.actor_type, id: locked.actor_id },
          target: { type: 'upload', id: uploadId },
          origin: locked.ip ? { ip: locked.ip, userAgent: locked.user_agent } : null,
          metadata: {
            collection: locked.collection,
            record_type: locked.record_type,
            mode: locked.mode,
            rows_total: locked.rows_total,
            rows_indexed: locked.rows_indexed,
            rows_failed: locked.rows_failed,
          },
        },
        manager,
      );
      await this.events.emit(
        manager,
        locked.tenant_id,
        'upload.completed',
        uploadEvent(uploadId, locked, 'completed'),
      );
      counted = { indexed: locked.rows_indexed, failed: locked.rows_failed, collection: locked.collection };
      return locked.rows_total;
    });
    this.events.wake();
    if (counted) {
      const { indexed, failed, collection } = counted;
      this.metrics.uploadFinished('completed', indexed, failed);
      this.searchIndex.uploaded(tenantId, collection);
    }
    if (rowsTotal >= BULK_LOAD_ROWS) {
      await this.records
        .maintainAfterBulkLoad(this.dataSource)
        .catch((error: Error) =>
          this.logger.warn(`index maintenance after upload ${uploadId} failed: ${error.message}`),
        );
    }
  }

  /** The upload failed for good: staged rows and bytes dropped, the reason first in its errors. */
  private async fail(
    manager: EntityManager,
    tenantId: TenantId,
    uploadId: string,
    reason: string,
  ): Promise<void> {
    const locked = await this.uploads.lock(manager, tenantId, uploadId);
    if (!locked || locked.status === 'completed' || locked.status === 'failed') return;
    if (locked.mode === 'replace') await this.records.deleteStaged(manager, tenantId, uploadId);
    await this.uploads.deleteChunks(manager, tenantId, uploadId);
    const message = `Processing failed: ${reason}`.slice(0, 2000);
    await this.uploads.finish(manager, tenantId, uploadId, 'failed', {
      errors: [{ row: 0, message }, ...locked.errors].slice(0, MAX_UPLOAD_ERRORS),
    });
    await this.audit.record(
      {
        tenantId: locked.tenant_id,
        action: 'upload.failed',
        actor: { type: locked.actor_type, id: locked.actor_id },
        target: { type: 'upload', id: uploadId },
        origin: locked.ip ? { ip: locked.ip, userAgent: locked.user_agent } : null,
        metadata: {
          collection: locked.collection,
          record_type: locked.record_type,
          mode: locked.mode,
          reason: message,
          rows_done: locked.rows_done,
        },
      },
      manager,
    );
    await this.events.emit(manager, locked.tenant_id, 'upload.failed', {
      ...uploadEvent(uploadId, locked, 'failed'),
      errors: [{ row: 0, message }, ...locked.errors].slice(0, EVENT_ERRORS),
    });
    // Counted at once (the failing transaction commits in all but a crash): rows of a failed upload count as failed.
    this.metrics.uploadFinished('failed', 0, locked.rows_done);
  }
}

function intersects(a: Set<string>, b: Set<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const id of small) if (large.has(id)) return true;
  return false;
}

/**
 * One statement cannot touch a row twice: within a chunk, `append` keeps the first row of an
 * external_id (later ones fail), `upsert` and `replace` keep the last (earlier ones were superseded).
 */
function dedupeExternalIds(
  upload: UploadRow,
  candidates: Candidate[],
  errors: UploadRowError[],
): { kept: Candidate[]; superseded: Candidate[] } {
  const positions = new Map<string, number>();
  const out: (Candidate | null)[] = [];
  const superseded: Candidate[] = [];
  for (const c of candidates) {
    const id = c.record.external_id;
    if (id === null) {
      out.push(c);
      continue;
    }
    const at = positions.get(id);
    if (at === undefined) {
      positions.set(id, out.length);
      out.push(c);
    } else if (upload.mode === 'append') {
      errors.push({ row: c.row, message: `external_id "${id}" appears earlier in the file` });
    } else {
      superseded.push(out[at]!);
      out[at] = null;
      positions.set(id, out.length);
      out.push(c);
    }
  }
  return { kept: out.filter((c): c is Candidate => c !== null), superseded };
}
