import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ActorType } from '../api-keys/api-key.entity.js';
import type { TenantId } from '../common/tenant-id.js';
import { queryRows } from '../common/sql.js';
import {
  MAX_UPLOAD_ERRORS,
  type StoredUploadStatus,
  type UploadFormat,
  type UploadMode,
} from './collections.constants.js';
import type { Db } from './collections.repository.js';
import type { UploadRowError } from './entities/upload.entity.js';

export interface UploadRow {
  id: string;
  tenant_id: TenantId;
  /** null once detached: the failed upload of an unparseable file whose new collection was dropped. */
  collection_id: string | null;
  collection: string;
  record_type: string;
  mode: UploadMode;
  format: UploadFormat;
  status: StoredUploadStatus;
  rows_total: number;
  rows_done: number;
  rows_indexed: number;
  rows_failed: number;
  errors: UploadRowError[];
  actor_type: ActorType;
  actor_id: string | null;
  ip: string | null;
  user_agent: string | null;
  created_at: Date;
  finished_at: Date | null;
}

export interface NewUpload {
  tenantId: string;
  collectionId: string;
  recordType: string;
  mode: UploadMode;
  format: UploadFormat;
  status: StoredUploadStatus;
  filename: string | null;
  actor: { type: ActorType; id: string | null };
  ip: string | null;
  userAgent: string | null;
  rowsTotal?: number;
  sizeBytes?: number;
}

const COLUMNS = `u.id, u.tenant_id, u.collection_id, COALESCE(c.name, u.collection_name) AS collection, u.record_type, u.mode, u.format, u.status,
  u.rows_total, u.rows_done, u.rows_indexed, u.rows_failed, u.errors, u.actor_type, u.actor_id, u.ip, u.user_agent,
  u.created_at, u.finished_at`;

/** SQL of uploads and their stored bytes. */
@Injectable()
export class UploadsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(input: NewUpload, db: Db = this.dataSource): Promise<string> {
    const rows = await queryRows<{ id: string }>(
      db,
      `INSERT INTO uploads (tenant_id, collection_id, record_type, mode, format, status, filename, actor_type, actor_id,
                            ip, user_agent, rows_total, size_bytes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [
        input.tenantId,
        input.collectionId,
        input.recordType,
        input.mode,
        input.format,
        input.status,
        input.filename?.slice(0, 255) ?? null,
        input.actor.type,
        input.actor.id,
        input.ip?.slice(0, 64) ?? null,
        input.userAgent?.slice(0, 512) ?? null,
        input.rowsTotal ?? 0,
        input.sizeBytes ?? 0,
      ],
    );
    return rows[0].id;
  }

  /** Stores one piece of the file (and marks the upload as alive for the stale sweep). */
  async addChunk(
    tenantId: string,
    uploadId: string,
    seq: number,
    data: Buffer,
    db: Db = this.dataSource,
  ): Promise<void> {
    await db.query(`INSERT INTO upload_chunks (tenant_id, upload_id, seq, data) VALUES ($1, $2, $3, $4)`, [
      tenantId,
      uploadId,
      seq,
      data,
    ]);
    await db.query(`UPDATE uploads SET updated_at = now() WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      uploadId,
    ]);
  }

  async chunk(tenantId: string, uploadId: string, seq: number): Promise<Buffer | null> {
    const rows = await queryRows<{ data: Buffer }>(
      this.dataSource,
      `SELECT data FROM upload_chunks WHERE tenant_id = $1 AND upload_id = $2 AND seq = $3`,
      [tenantId, uploadId, seq],
    );
    return rows[0]?.data ?? null;
  }

  async deleteChunks(manager: EntityManager, tenantId: string, uploadId: string): Promise<void> {
    await manager.query(`DELETE FROM upload_chunks WHERE tenant_id = $1 AND upload_id = $2`, [
      tenantId,
      uploadId,
    ]);
  }

  /** The file is in: queue it (status pending) with its row count and size. */
  async markReceived(
    manager: EntityManager,
    tenantId: string,
    uploadId: string,
    values: { mode: UploadMode; rowsTotal: number; sizeBytes: number },
  ): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      manager,
      `UPDATE uploads SET status = 'pending', mode = $2, rows_total = $3, size_bytes = $4, updated_at = now()
        WHERE id = $1 AND tenant_id = $5 AND status = 'receiving' RETURNING id`,
      [uploadId, values.mode, values.rowsTotal, values.sizeBytes, tenantId],
    );
    return rows.length > 0;
  }

  /** The file could not be parsed: failed at once, with why. */
  async markUnparseable(
    manager: EntityManager,
    tenantId: string,
    uploadId: string,
    values: { mode: UploadMode; sizeBytes: number; error: UploadRowError },
  ): Promise<void> {
    await manager.query(
      `UPDATE uploads SET status = 'failed', mode = $2, size_bytes = $3, errors = $4::jsonb, rows_total = 0,
              finished_at = now(), updated_at = now()
        WHERE id = $1 AND tenant_id = $5`,
      [uploadId, values.mode, values.sizeBytes, JSON.stringify([values.error]), tenantId],
    );
  }

  /**
   * The failed upload of an unparseable file that created its collection: the collection is dropped if
   * nothing else uses it (no records, schemas or other uploads), and the upload, detached, keeps its
   * name to be read by id. Answers whether the collection was dropped.
   */
  async detachAndDropCreatedCollection(
    manager: EntityManager,
    tenantId: string,
    uploadId: string,
    collectionId: string,
  ): Promise<boolean> {
    await manager.query(
      `UPDATE uploads u SET collection_id = NULL, collection_name = c.name
         FROM collections c
        WHERE c.tenant_id = u.tenant_id AND c.id = u.collection_id AND u.tenant_id = $1 AND u.id = $2`,
      [tenantId, uploadId],
    );
    const dropped = await queryRows<{ id: string }>(
      manager,
      `DELETE FROM collections c
        WHERE c.tenant_id = $1 AND c.id = $2
          AND NOT EXISTS (SELECT 1 FROM records r WHERE r.tenant_id = c.tenant_id AND r.collection_id = c.id)
          AND NOT EXISTS (SELECT 1 FROM uploads u WHERE u.tenant_id = c.tenant_id AND u.collection_id = c.id)
          AND NOT EXISTS (
            SELECT 1 FROM record_schemas s WHERE s.tenant_id = c.tenant_id AND s.collection_id = c.id)
        RETURNING c.id`,
      [tenantId, collectionId],
    );
    if (dropped.length > 0) return true;
    // Someone else uses it now: the upload stays attached to it.
    await manager.query(
      `UPDATE uploads SET collection_id = $3, collection_name = NULL WHERE tenant_id = $1 AND id = $2`,
      [tenantId, uploadId, collectionId],
    );
    return false;
  }

  async delete(tenantId: string, uploadId: string, db: Db = this.dataSource): Promise<void> {
    await db.query(`DELETE FROM uploads WHERE tenant_id = $1 AND id = $2`, [tenantId, uploadId]);
  }

  async get(tenantId: string, id: string, db: Db = this.dataSource): Promise<UploadRow | null> {
    const rows = await queryRows<UploadRow>(
      db,
      `SELECT ${COLUMNS} FROM uploads u LEFT JOIN collections c ON c.tenant_id = u.tenant_id AND c.id = u.collection_id
        WHERE u.tenant_id = $1 AND u.id = $2 AND u.status <> 'receiving'`,
      [tenantId, id],
    );
    return rows[0] ?? null;
  }

  /** The upload, locked until the transaction ends (any status). */
  async lock(manager: EntityManager, tenantId: string, id: string): Promise<UploadRow | null> {
    const rows = await queryRows<UploadRow>(
      manager,
      `SELECT ${COLUMNS} FROM uploads u LEFT JOIN collections c ON c.tenant_id = u.tenant_id AND c.id = u.collection_id
        WHERE u.tenant_id = $1 AND u.id = $2 FOR UPDATE OF u`,
      [tenantId, id],
    );
    return rows[0] ?? null;
  }

  /** The upload (any status) for its processing job, which names the tenant it belongs to. */
  async find(tenantId: string, id: string): Promise<UploadRow | null> {
    const rows = await queryRows<UploadRow>(
      this.dataSource,
      `SELECT ${COLUMNS} FROM uploads u LEFT JOIN collections c ON c.tenant_id = u.tenant_id AND c.id = u.collection_id
        WHERE u.tenant_id = $1 AND u.id = $2`,
      [tenantId, id],
    );
    return rows[0] ?? null;
  }

  /**
   * The tenant of an upload, for a processing job queued before jobs named it (the only lookup of an
   * upload without its tenant; docs/scale-out.md).
   */
  async tenantOfForWorker(id: string, db: Db = this.dataSource): Promise<string | null> {
    const rows = await queryRows<{ tenant_id: string }>(db, `SELECT tenant_id FROM uploads WHERE id = $1`, [
      id,
    ]);
    return rows[0]?.tenant_id ?? null;
  }

  async list(
    tenantId: string,
    collectionId: string | null,
    limit: number,
    offset: number,
  ): Promise<{ rows: UploadRow[]; total: number }> {
    const params: unknown[] = [tenantId];
    let where = `u.tenant_id = $1 AND u.status <> 'receiving'`;
    if (collectionId) {
      params.push(collectionId);
      where += ` AND u.collection_id = $2`;
    }
    const [rows, count] = await Promise.all([
      queryRows<UploadRow>(
        this.dataSource,
        `SELECT ${COLUMNS} FROM uploads u LEFT JOIN collections c ON c.tenant_id = u.tenant_id AND c.id = u.collection_id
          WHERE ${where}
          ORDER BY u.created_at DESC, u.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, limit, offset],
      ),
      queryRows<{ n: number }>(
        this.dataSource,
        `SELECT count(*)::int AS n FROM uploads u WHERE ${where}`,
        params,
      ),
    ]);
    return { rows, total: count[0].n };
  }

  async markProcessing(manager: EntityManager, tenantId: string, id: string): Promise<void> {
    await manager.query(
      `UPDATE uploads SET status = 'processing', started_at = COALESCE(started_at, now()), updated_at = now()
        WHERE tenant_id = $1 AND id = $2 AND status = 'pending'`,
      [tenantId, id],
    );
  }

  /**
   * Progress of one chunk, in the chunk's transaction: only if the upload is still processing and
   * exactly `expectedDone` rows were done before (another run moved on otherwise). Keeps the first
   * 100 errors. Answers whether it applied.
   */
  async advance(
    manager: EntityManager,
    tenantId: string,
    id: string,
    progress: {
      expectedDone: number;
      rowsDone: number;
      indexed: number;
      failed: number;
      errors: UploadRowError[];
    },
  ): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      manager,
      `UPDATE uploads
          SET rows_done = $2, rows_indexed = rows_indexed + $3, rows_failed = rows_failed + $4, updated_at = now(),
              errors = CASE WHEN jsonb_array_length(errors) >= ${MAX_UPLOAD_ERRORS} THEN errors
                            ELSE (SELECT coalesce(jsonb_agg(e ORDER BY i), '[]'::jsonb)
                                    FROM (SELECT e, i FROM jsonb_array_elements(errors || $5::jsonb) WITH ORDINALITY AS t (e, i)
                                           ORDER BY i LIMIT ${MAX_UPLOAD_ERRORS}) kept)
                       END
        WHERE id = $1 AND tenant_id = $7 AND status = 'processing' AND rows_done = $6
        RETURNING id`,
      [
        id,
        progress.rowsDone,
        progress.indexed,
        progress.failed,
        JSON.stringify(progress.errors),
        progress.expectedDone,
        tenantId,
      ],
    );
    return rows.length > 0;
  }

  async finish(
    manager: EntityManager,
    tenantId: string,
    id: string,
    status: 'completed' | 'failed',
    extra: { errors?: UploadRowError[]; rowsFailed?: number } = {},
  ): Promise<void> {
    await manager.query(
      `UPDATE uploads SET status = $2, finished_at = now(), updated_at = now(),
              errors = COALESCE($3::jsonb, errors), rows_failed = COALESCE($4, rows_failed)
        WHERE id = $1 AND tenant_id = $5`,
      [id, status, extra.errors ? JSON.stringify(extra.errors) : null, extra.rowsFailed ?? null, tenantId],
    );
  }

  /** Uploads whose file stopped streaming in long ago (the client or the server went away): gone with their bytes. */
  async deleteStaleReceiving(olderThanSeconds: number): Promise<number> {
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `DELETE FROM uploads WHERE status = 'receiving' AND updated_at < now() - make_interval(secs => $1) RETURNING id`,
      [olderThanSeconds],
    );
    return rows.length;
  }
}
