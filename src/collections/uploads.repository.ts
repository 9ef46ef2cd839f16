import { Injectable } from '@nestjs/common';
import type { ActorType } from '../common/vocabulary.js';
import { queryRows, type Db } from '../common/sql.js';
import type { TenantId } from '../common/tenant-id.js';
import {
  MAX_UPLOAD_ERRORS,
  type StoredUploadStatus,
  type UploadFormat,
  type UploadMode,
} from './collections.constants.js';
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

/** Every statement on `uploads` and `upload_chunks` (an upload's stored bytes). */
@Injectable()
export class UploadsRepository {
  async create(db: Db, tenant: TenantId, input: NewUpload): Promise<string> {
    const rows = await queryRows<{ id: string }>(
      db,
      `INSERT INTO uploads (tenant_id, collection_id, record_type, mode, format, status, filename, actor_type, actor_id,
                            ip, user_agent, rows_total, size_bytes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [
        tenant,
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
  async addChunk(db: Db, tenant: TenantId, uploadId: string, seq: number, data: Buffer): Promise<void> {
    await queryRows(
      db,
      `INSERT INTO upload_chunks (tenant_id, upload_id, seq, data) VALUES ($1, $2, $3, $4)`,
      [tenant, uploadId, seq, data],
    );
    await queryRows(db, `UPDATE uploads SET updated_at = now() WHERE tenant_id = $1 AND id = $2`, [
      tenant,
      uploadId,
    ]);
  }

  async chunk(db: Db, tenant: TenantId, uploadId: string, seq: number): Promise<Buffer | null> {
    const rows = await queryRows<{ data: Buffer }>(
      db,
      `SELECT data FROM upload_chunks WHERE tenant_id = $1 AND upload_id = $2 AND seq = $3`,
      [tenant, uploadId, seq],
    );
    return rows[0]?.data ?? null;
  }

  async deleteChunks(db: Db, tenant: TenantId, uploadId: string): Promise<void> {
    await queryRows(db, `DELETE FROM upload_chunks WHERE tenant_id = $1 AND upload_id = $2`, [
      tenant,
      uploadId,
    ]);
  }

  /** The file is in: queue it (status pending) with its row count and size. */
  async markReceived(
    db: Db,
    tenant: TenantId,
    uploadId: string,
    values: { mode: UploadMode; rowsTotal: number; sizeBytes: number },
  ): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      db,
      `UPDATE uploads SET status = 'pending', mode = $2, rows_total = $3, size_bytes = $4, updated_at = now()
        WHERE id = $1 AND tenant_id = $5 AND status = 'receiving' RETURNING id`,
      [uploadId, values.mode, values.rowsTotal, values.sizeBytes, tenant],
    );
    return rows.length > 0;
  }

  /** The file could not be parsed: failed at once, with why. */
  async markUnparseable(
    db: Db,
    tenant: TenantId,
    uploadId: string,
    values: { mode: UploadMode; sizeBytes: number; error: UploadRowError },
  ): Promise<void> {
    await queryRows(
      db,
      `UPDATE uploads SET status = 'failed', mode = $2, size_bytes = $3, errors = $4::jsonb, rows_total = 0,
              finished_at = now(), updated_at = now()
        WHERE id = $1 AND tenant_id = $5`,
      [uploadId, values.mode, values.sizeBytes, JSON.stringify([values.error]), tenant],
    );
  }

  /**
   * The failed upload of an unparseable file: detached from its collection (which UploadsService then
   * drops if nothing else uses it), it keeps the collection's name to be read by id.
   */
  async detach(db: Db, tenant: TenantId, uploadId: string): Promise<void> {
    await queryRows(
      db,
      `UPDATE uploads u SET collection_id = NULL, collection_name = c.name
         FROM collections c
        WHERE c.tenant_id = u.tenant_id AND c.id = u.collection_id AND u.tenant_id = $1 AND u.id = $2`,
      [tenant, uploadId],
    );
  }

  /** Undoes `detach`: someone else uses the collection now, the upload stays attached to it. */
  async reattach(db: Db, tenant: TenantId, uploadId: string, collectionId: string): Promise<void> {
    await queryRows(
      db,
      `UPDATE uploads SET collection_id = $3, collection_name = NULL WHERE tenant_id = $1 AND id = $2`,
      [tenant, uploadId, collectionId],
    );
  }

  async delete(db: Db, tenant: TenantId, uploadId: string): Promise<void> {
    await queryRows(db, `DELETE FROM uploads WHERE tenant_id = $1 AND id = $2`, [tenant, uploadId]);
  }

  /** The upload as clients see it (not while its file is still arriving). */
  async get(db: Db, tenant: TenantId, id: string): Promise<UploadRow | null> {
    const rows = await queryRows<UploadRow>(
      db,
      `SELECT ${COLUMNS} FROM uploads u LEFT JOIN collections c ON c.tenant_id = u.tenant_id AND c.id = u.collection_id
        WHERE u.tenant_id = $1 AND u.id = $2 AND u.status <> 'receiving'`,
      [tenant, id],
    );
    return rows[0] ?? null;
  }

  /** The upload, locked until the transaction ends (any status). */
  async lock(db: Db, tenant: TenantId, id: string): Promise<UploadRow | null> {
    const rows = await queryRows<UploadRow>(
      db,
      `SELECT ${COLUMNS} FROM uploads u LEFT JOIN collections c ON c.tenant_id = u.tenant_id AND c.id = u.collection_id
        WHERE u.tenant_id = $1 AND u.id = $2 FOR UPDATE OF u`,
      [tenant, id],
    );
    return rows[0] ?? null;
  }

  /** The upload (any status) for its processing job, which names the tenant it belongs to. */
  async find(db: Db, tenant: TenantId, id: string): Promise<UploadRow | null> {
    const rows = await queryRows<UploadRow>(
      db,
      `SELECT ${COLUMNS} FROM uploads u LEFT JOIN collections c ON c.tenant_id = u.tenant_id AND c.id = u.collection_id
        WHERE u.tenant_id = $1 AND u.id = $2`,
      [tenant, id],
    );
    return rows[0] ?? null;
  }

  /**
   * The tenant of an upload, for a processing job queued before jobs named it (the only lookup of an
   * upload without its tenant; docs/scale-out.md).
   */
  async tenantOfForWorker(db: Db, id: string): Promise<TenantId | null> {
    const rows = await queryRows<{ tenant_id: TenantId }>(db, `SELECT tenant_id FROM uploads WHERE id = $1`, [
      id,
    ]);
    return rows[0]?.tenant_id ?? null;
  }

  async list(
    db: Db,
    tenant: TenantId,
    collectionId: string | null,
    limit: number,
    offset: number,
  ): Promise<{ rows: UploadRow[]; total: number }> {
    const params: unknown[] = [tenant];
    let where = `u.tenant_id = $1 AND u.status <> 'receiving'`;
    if (collectionId) {
      params.push(collectionId);
      where += ` AND u.collection_id = $2`;
    }
    const [rows, count] = await Promise.all([
      queryRows<UploadRow>(
        db,
        `SELECT ${COLUMNS} FROM uploads u LEFT JOIN collections c ON c.tenant_id = u.tenant_id AND c.id = u.collection_id
          WHERE ${where}
          ORDER BY u.created_at DESC, u.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, limit, offset],
      ),
      queryRows<{ n: number }>(db, `SELECT count(*)::int AS n FROM uploads u WHERE ${where}`, params),
    ]);
    return { rows, total: count[0].n };
  }

  async markProcessing(db: Db, tenant: TenantId, id: string): Promise<void> {
    await queryRows(
      db,
      `UPDATE uploads SET status = 'processing', started_at = COALESCE(started_at, now()), updated_at = now()
        WHERE tenant_id = $1 AND id = $2 AND status = 'pending'`,
      [tenant, id],
    );
  }

  /**
   * Progress of one chunk, in the chunk's transaction: only if the upload is still processing and
   * exactly `expectedDone` rows were done before (another run moved on otherwise). Keeps the first
   * 100 errors. Answers whether it applied.
   */
  async advance(
    db: Db,
    tenant: TenantId,
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
      db,
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
        tenant,
      ],
    );
    return rows.length > 0;
  }

  async finish(
    db: Db,
    tenant: TenantId,
    id: string,
    status: 'completed' | 'failed',
    extra: { errors?: UploadRowError[]; rowsFailed?: number } = {},
  ): Promise<void> {
    await queryRows(
      db,
      `UPDATE uploads SET status = $2, finished_at = now(), updated_at = now(),
              errors = COALESCE($3::jsonb, errors), rows_failed = COALESCE($4, rows_failed)
        WHERE id = $1 AND tenant_id = $5`,
      [id, status, extra.errors ? JSON.stringify(extra.errors) : null, extra.rowsFailed ?? null, tenant],
    );
  }

  /**
   * Uploads of every tenant whose file stopped streaming in long ago (the client or the server went
   * away): gone with their bytes. The sweep of UploadProcessor.
   */
  async deleteStaleReceivingAcrossTenants(db: Db, olderThanSeconds: number): Promise<number> {
    const rows = await queryRows<{ id: string }>(
      db,
      `DELETE FROM uploads WHERE status = 'receiving' AND updated_at < now() - make_interval(secs => $1) RETURNING id`,
      [olderThanSeconds],
    );
    return rows.length;
  }
}
