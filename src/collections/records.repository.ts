import { Injectable } from '@nestjs/common';
import { queryRows, type Db } from '../common/sql.js';
import type { TenantId } from '../common/tenant-id.js';
import type { IndexingStatus, Visibility } from './collections.constants.js';
import { LOCK_RECORD_QUOTA, LOCK_REPLACE_SWAP } from './collections.repository.js';
import { isUniqueViolation } from './pg-errors.js';
import type { PreparedRecord } from './schema/record-validation.js';

/** A stored record as read back (without the search columns). */
export interface RecordRow {
  id: string;
  record_type: string;
  external_id: string | null;
  name: string;
  description: string | null;
  visibility: Visibility;
  indexing_status: IndexingStatus;
  indexing_error: string | null;
  collection_data: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

/** A record row with its insertion position (for keyset paging). */
export interface KeyedRecordRow extends RecordRow {
  seq: string;
  /** updated_at as exact text (microseconds), to detect a change since the row was read. */
  updated_key: string;
}

/** A record type of a collection (of the tenant the repository method is given). */
export interface RecordScope {
  collectionId: string;
  recordType: string;
}

/** A replace upload and the record type it replaces. */
export interface ReplacingScope extends RecordScope {
  uploadId: string;
}

const COLUMNS = `r.id, r.record_type, r.external_id, r.name, r.description, r.visibility, r.indexing_status,
  r.indexing_error, r.collection_data, r.created_at, r.updated_at`;

const UPDATE_FROM_EXCLUDED = `name = EXCLUDED.name, description = EXCLUDED.description, visibility = EXCLUDED.visibility,
  indexing_status = EXCLUDED.indexing_status, indexing_error = EXCLUDED.indexing_error,
  collection_data = EXCLUDED.collection_data, search_text = EXCLUDED.search_text, updated_at = now()`;

const LIVE_EXTERNAL_ID = `(tenant_id, collection_id, record_type, external_id) WHERE external_id IS NOT NULL AND pending_upload_id IS NULL`;
const STAGED_EXTERNAL_ID = `(tenant_id, pending_upload_id, external_id) WHERE external_id IS NOT NULL AND pending_upload_id IS NOT NULL`;

export interface StatusCountRow {
  collection_id: string;
  record_type: string;
  indexing_status: IndexingStatus;
  n: number;
}

export class ExternalIdTaken extends Error {}

/** Rows per statement when swapping or deleting many records. */
const SWAP_BATCH = 10_000;

/**
 * Every statement on `records`. Live records have `pending_upload_id` NULL; every read of live data says so.
 * Bulk writes are one multi-row INSERT … SELECT FROM unnest(…) per chunk, never a query per row.
 */
@Injectable()
export class RecordsRepository {
  /** Serialises record-cap accounting per tenant until the transaction ends. */
  async lockQuota(db: Db, tenant: TenantId): Promise<void> {
    await queryRows(db, `SELECT pg_advisory_xact_lock($1, hashtext($2))`, [LOCK_RECORD_QUOTA, tenant]);
  }

  /**
   * Records that count against the cap, in the worst case of how the tenant's running replace uploads
   * end: the live records of record types no replace is running on, plus, for each record type a
   * replace is running on, the most it can hold once they settle — its live records (every replace
   * fails) or the staged rows of one of its replaces (that one swaps in last), whichever is more. For
   * the replace asking (`replacing`), its record type holds its own staged rows only: if it swaps in
   * last, the live records and any other replace's rows are gone; if it fails, its rows go instead.
   */
  async countForQuota(db: Db, tenant: TenantId, replacing?: ReplacingScope): Promise<number> {
    const rows = await queryRows<{ n: number }>(
      db,
      `WITH active AS (
              SELECT u.id, u.collection_id, u.record_type,
                     (SELECT count(*) FROM records r WHERE r.tenant_id = $1 AND r.pending_upload_id = u.id) AS staged
                FROM uploads u
               WHERE u.tenant_id = $1 AND u.mode = 'replace' AND u.status IN ('receiving', 'pending', 'processing')),
            live AS (
              SELECT r.collection_id, r.record_type, count(*) AS n FROM records r
               WHERE r.tenant_id = $1 AND r.collection_id IN (SELECT id FROM collections WHERE tenant_id = $1)
                 AND r.pending_upload_id IS NULL
               GROUP BY r.collection_id, r.record_type),
            scopes AS (SELECT DISTINCT collection_id, record_type FROM active)
       SELECT (coalesce((SELECT sum(l.n) FROM live l
                          WHERE NOT EXISTS (SELECT 1 FROM scopes s
                                             WHERE s.collection_id = l.collection_id AND s.record_type = l.record_type)), 0)
             + coalesce((SELECT sum(CASE
                            WHEN s.collection_id = $2 AND s.record_type = $3
                              THEN (SELECT a.staged FROM active a WHERE a.id = $4)
                            ELSE greatest(
                              coalesce((SELECT l.n FROM live l
                                         WHERE l.collection_id = s.collection_id AND l.record_type = s.record_type), 0),
                              (SELECT max(a.staged) FROM active a
                                WHERE a.collection_id = s.collection_id AND a.record_type = s.record_type))
                          END)
                           FROM scopes s), 0))::int AS n`,
      [tenant, replacing?.collectionId ?? null, replacing?.recordType ?? null, replacing?.uploadId ?? null],
    );
    return rows[0].n;
  }

  async insertOne(db: Db, tenant: TenantId, scope: RecordScope, record: PreparedRecord): Promise<RecordRow> {
    try {
      const rows = await queryRows<RecordRow>(
        db,
        `INSERT INTO records AS r (tenant_id, collection_id, record_type, external_id, name, description, visibility,
                                   indexing_status, indexing_error, collection_data, search_text)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11)
         RETURNING ${COLUMNS}`,
        [
          tenant,
          scope.collectionId,
          scope.recordType,
          record.external_id,
          record.name,
          record.description,
          record.visibility,
          record.indexing_status,
          record.indexing_error,
          JSON.stringify(record.collection_data),
          record.search_text,
        ],
      );
      return rows[0];
    } catch (error) {
      if (isUniqueViolation(error)) throw new ExternalIdTaken();
      throw error;
    }
  }

  async findLive(db: Db, tenant: TenantId, collectionId: string, id: string): Promise<RecordRow | null> {
    const rows = await queryRows<RecordRow>(
      db,
      `SELECT ${COLUMNS} FROM records r
        WHERE r.tenant_id = $1 AND r.collection_id = $2 AND r.id = $3 AND r.pending_upload_id IS NULL`,
      [tenant, collectionId, id],
    );
    return rows[0] ?? null;
  }

  /** Locks one live record for an update. */
  async lockLive(db: Db, tenant: TenantId, collectionId: string, id: string): Promise<RecordRow | null> {
    const rows = await queryRows<RecordRow>(
      db,
      `SELECT ${COLUMNS} FROM records r
        WHERE r.tenant_id = $1 AND r.collection_id = $2 AND r.id = $3 AND r.pending_upload_id IS NULL FOR UPDATE`,
      [tenant, collectionId, id],
    );
    return rows[0] ?? null;
  }

  async update(db: Db, tenant: TenantId, id: string, record: PreparedRecord): Promise<RecordRow> {
    try {
      const rows = await queryRows<RecordRow>(
        db,
        `UPDATE records AS r SET external_id = $2, name = $3, description = $4, visibility = $5, indexing_status = $6,
                indexing_error = $7, collection_data = $8::jsonb, search_text = $9, updated_at = now()
          WHERE r.id = $1 AND r.tenant_id = $10
          RETURNING ${COLUMNS}`,
        [
          id,
          record.external_id,
          record.name,
          record.description,
          record.visibility,
          record.indexing_status,
          record.indexing_error,
          JSON.stringify(record.collection_data),
          record.search_text,
          tenant,
        ],
      );
      return rows[0];
    } catch (error) {
      if (isUniqueViolation(error)) throw new ExternalIdTaken();
      throw error;
    }
  }

  async deleteLive(db: Db, tenant: TenantId, collectionId: string, id: string): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      db,
      `DELETE FROM records
        WHERE tenant_id = $1 AND collection_id = $2 AND id = $3 AND pending_upload_id IS NULL RETURNING id`,
      [tenant, collectionId, id],
    );
    return rows.length > 0;
  }

  async list(
    db: Db,
    tenant: TenantId,
    collectionId: string,
    recordType: string | undefined,
    limit: number,
    offset: number,
  ): Promise<{ rows: RecordRow[]; total: number }> {
    const params: unknown[] = [tenant, collectionId];
    let where = `r.tenant_id = $1 AND r.collection_id = $2 AND r.pending_upload_id IS NULL`;
    if (recordType) {
      params.push(recordType);
      where += ` AND r.record_type = $${params.length}`;
    }
    const [rows, count] = await Promise.all([
      queryRows<RecordRow>(
        db,
        `SELECT ${COLUMNS} FROM records r WHERE ${where}
          ORDER BY r.seq LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, limit, offset],
      ),
      queryRows<{ n: number }>(db, `SELECT count(*)::int AS n FROM records r WHERE ${where}`, params),
    ]);
    return { rows, total: count[0].n };
  }

  /** The next page of live records after an insertion position, for export and reindex. */
  async page(
    db: Db,
    tenant: TenantId,
    collectionId: string,
    recordType: string | undefined,
    afterSeq: string | null,
    limit: number,
  ): Promise<KeyedRecordRow[]> {
    const params: unknown[] = [collectionId, limit, afterSeq ?? '0', tenant];
    let where = `r.tenant_id = $4 AND r.collection_id = $1 AND r.pending_upload_id IS NULL AND r.seq > $3`;
    if (recordType) {
      params.push(recordType);
      where += ` AND r.record_type = $${params.length}`;
    }
    return queryRows<KeyedRecordRow>(
      db,
      `SELECT ${COLUMNS}, r.seq, r.updated_at::text AS updated_key
         FROM records r WHERE ${where}
        ORDER BY r.seq LIMIT $2`,
      params,
    );
  }

  /** Live external ids (of the given ones) that already exist in a collection's record type. */
  async existingExternalIds(
    db: Db,
    tenant: TenantId,
    scope: RecordScope,
    ids: string[],
  ): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await queryRows<{ external_id: string }>(
      db,
      `SELECT external_id FROM records
        WHERE tenant_id = $1 AND collection_id = $2 AND record_type = $3 AND pending_upload_id IS NULL
          AND external_id = ANY($4::text[])`,
      [tenant, scope.collectionId, scope.recordType, ids],
    );
    return new Set(rows.map((r) => r.external_id));
  }

  /** External ids (of the given ones) already staged by a replace upload. */
  async stagedExternalIds(db: Db, tenant: TenantId, uploadId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await queryRows<{ external_id: string }>(
      db,
      `SELECT external_id FROM records
        WHERE tenant_id = $1 AND pending_upload_id = $2 AND external_id = ANY($3::text[])`,
      [tenant, uploadId, ids],
    );
    return new Set(rows.map((r) => r.external_id));
  }

  /**
   * Writes a chunk of an upload in one multi-row statement. `conflict` says what a row meeting an
   * existing external_id does: `none` — the caller made sure none can (a plain INSERT, the fastest);
   * `skip` — not written (its external id is answered); `update` — it updates that record (upsert into
   * live records, or a repeat within a replace's staged rows). `stagedFor`: stage the rows under that
   * replace upload instead of writing live records. The chunk must not repeat an external_id.
   */
  async insertChunk(
    db: Db,
    tenant: TenantId,
    scope: RecordScope,
    stagedFor: string | null,
    records: PreparedRecord[],
    seqs: string[],
    conflict: 'none' | 'skip' | 'update',
  ): Promise<{ conflicts: Set<string> }> {
    if (records.length === 0) return { conflicts: new Set() };
    const n = records.length;
    const externalIds = new Array<string | null>(n);
    const names = new Array<string>(n);
    const descriptions = new Array<string | null>(n);
    const visibilities = new Array<string>(n);
    const statuses = new Array<string>(n);
    const errors = new Array<string | null>(n);
    const data = new Array<string>(n);
    const texts = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const r = records[i];
      externalIds[i] = r.external_id;
      names[i] = r.name;
      descriptions[i] = r.description;
      visibilities[i] = r.visibility;
      statuses[i] = r.indexing_status;
      errors[i] = r.indexing_error;
      data[i] = JSON.stringify(r.collection_data);
      texts[i] = r.search_text;
    }
    const target = stagedFor ? STAGED_EXTERNAL_ID : LIVE_EXTERNAL_ID;
    const onConflict =
      conflict === 'none'
        ? ''
        : conflict === 'skip'
          ? `ON CONFLICT ${target} DO NOTHING RETURNING external_id`
          : `ON CONFLICT ${target} DO UPDATE SET ${UPDATE_FROM_EXCLUDED}`;
    const rows = await queryRows<{ external_id: string | null }>(
      db,
      `INSERT INTO records (tenant_id, collection_id, record_type, pending_upload_id, seq, external_id, name, description,
                            visibility, indexing_status, indexing_error, collection_data, search_text)
       SELECT $1, $2, $3, $4, u.seq, u.external_id, u.name, u.description, u.visibility, u.indexing_status,
              u.indexing_error, u.collection_data::jsonb, u.search_text
         FROM unnest($13::bigint[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                     $11::text[], $12::text[])
              AS u (seq, external_id, name, description, visibility, indexing_status, indexing_error, collection_data,
                    search_text)
       ${onConflict}`,
      [
        tenant,
        scope.collectionId,
        scope.recordType,
        stagedFor,
        externalIds,
        names,
        descriptions,
        visibilities,
        statuses,
        errors,
        data,
        texts,
        seqs,
      ],
    );
    if (conflict !== 'skip') return { conflicts: new Set() };
    const inserted = new Set(rows.map((r) => r.external_id));
    const conflicts = new Set<string>();
    for (const id of externalIds) if (id !== null && !inserted.has(id)) conflicts.add(id);
    return { conflicts };
  }

  /**
   * Reserves `n` insertion positions, in increasing order: a chunk written concurrently with the next
   * one still sorts before it (the file's order).
   */
  async allocateSeqs(db: Db, n: number): Promise<string[]> {
    if (n === 0) return [];
    const rows = await queryRows<{ seq: string }>(
      db,
      `SELECT s::text AS seq
         FROM (SELECT nextval(pg_get_serial_sequence('records', 'seq')) AS s FROM generate_series(1, $1)) AS reserved
        ORDER BY s`,
      [n],
    );
    return rows.map((r) => r.seq);
  }

  /**
   * Runs `fast` under a savepoint; if it meets a unique violation (a concurrent writer took an
   * external_id meanwhile), rolls back to the savepoint and runs `safe` instead, in the same transaction.
   */
  async withUniqueFallback<T>(db: Db, fast: () => Promise<T>, safe: () => Promise<T>): Promise<T> {
    await queryRows(db, 'SAVEPOINT records_chunk');
    try {
      const result = await fast();
      await queryRows(db, 'RELEASE SAVEPOINT records_chunk');
      return result;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await queryRows(db, 'ROLLBACK TO SAVEPOINT records_chunk');
      return safe();
    }
  }

  /**
   * Replace: the live records of the record type out, the upload's staged ones in. Call in one
   * transaction; each statement handles a bounded batch, so none runs into the statement timeout
   * however many records are swapped.
   */
  async swapIn(db: Db, tenant: TenantId, scope: RecordScope, uploadId: string): Promise<void> {
    // One swap per record type at a time: a second one waits for the first to commit, and its deletes,
    // each statement seeing what is committed by then, take the rows the first swapped in. Without it,
    // two replaces finishing together each deleted only the older rows and both files' rows stayed.
    await queryRows(db, `SELECT pg_advisory_xact_lock($1, hashtext($2))`, [
      LOCK_REPLACE_SWAP,
      `${scope.collectionId}/${scope.recordType}`,
    ]);
    await this.inBatches(
      db,
      `DELETE FROM records WHERE tenant_id = $1 AND id IN (
         SELECT id FROM records
          WHERE tenant_id = $1 AND collection_id = $2 AND record_type = $3 AND pending_upload_id IS NULL
          LIMIT ${SWAP_BATCH})
       RETURNING 1`,
      [tenant, scope.collectionId, scope.recordType],
    );
    await this.inBatches(
      db,
      `UPDATE records SET pending_upload_id = NULL
        WHERE tenant_id = $1
          AND id IN (SELECT id FROM records WHERE tenant_id = $1 AND pending_upload_id = $2 LIMIT ${SWAP_BATCH})
       RETURNING 1`,
      [tenant, uploadId],
    );
  }

  /** Deletes every record of a collection, batch by batch (inside the caller's transaction). */
  async deleteAllOf(db: Db, tenant: TenantId, collectionId: string): Promise<void> {
    await this.inBatches(
      db,
      `DELETE FROM records
        WHERE tenant_id = $1
          AND id IN (SELECT id FROM records WHERE tenant_id = $1 AND collection_id = $2 LIMIT ${SWAP_BATCH})
       RETURNING 1`,
      [tenant, collectionId],
    );
  }

  /** Repeats a statement acting on at most SWAP_BATCH rows until it acts on none. */
  private async inBatches(db: Db, sql: string, params: unknown[]): Promise<void> {
    for (;;) {
      const rows = await queryRows<unknown>(db, sql, params);
      if (rows.length < SWAP_BATCH) return;
    }
  }

  /**
   * After a bulk load: merges the full-text GIN index's pending list (fast inserts leave entries there that
   * every search would otherwise scan) and refreshes the planner statistics.
   */
  async maintainAfterBulkLoad(db: Db): Promise<void> {
    await queryRows(db, `SELECT gin_clean_pending_list('records_search_keys_idx'::regclass)`);
    await queryRows(db, 'ANALYZE records');
  }

  /** Whether a replace upload has staged any row. */
  async hasStaged(db: Db, tenant: TenantId, uploadId: string): Promise<boolean> {
    const rows = await queryRows<{ any: boolean }>(
      db,
      `SELECT EXISTS (SELECT 1 FROM records WHERE tenant_id = $1 AND pending_upload_id = $2) AS any`,
      [tenant, uploadId],
    );
    return rows[0].any;
  }

  async deleteStaged(db: Db, tenant: TenantId, uploadId: string): Promise<void> {
    await queryRows(db, `DELETE FROM records WHERE tenant_id = $1 AND pending_upload_id = $2`, [
      tenant,
      uploadId,
    ]);
  }

  /**
   * Re-validated records written back (reindex), one statement per batch. A record changed since it
   * was read (`updated_at` moved) is left alone: its own write already validated it.
   */
  async applyReindex(
    db: Db,
    tenant: TenantId,
    collectionId: string,
    updates: { id: string; updatedKey: string; record: PreparedRecord }[],
  ): Promise<void> {
    if (updates.length === 0) return;
    await queryRows(
      db,
      `UPDATE records AS r
          SET indexing_status = u.indexing_status, indexing_error = u.indexing_error,
              collection_data = u.collection_data::jsonb, search_text = u.search_text
         FROM unnest($2::uuid[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[])
              AS u (id, updated_at, indexing_status, indexing_error, collection_data, search_text)
        WHERE r.tenant_id = $8 AND r.id = u.id AND r.collection_id = $1 AND r.pending_upload_id IS NULL
          AND r.updated_at = u.updated_at
          AND (r.indexing_status, r.indexing_error, r.collection_data, r.search_text)
              IS DISTINCT FROM (u.indexing_status, u.indexing_error, u.collection_data::jsonb, u.search_text)`,
      [
        collectionId,
        updates.map((u) => u.id),
        updates.map((u) => u.updatedKey),
        updates.map((u) => u.record.indexing_status),
        updates.map((u) => u.record.indexing_error),
        updates.map((u) => JSON.stringify(u.record.collection_data)),
        updates.map((u) => u.record.search_text),
        tenant,
      ],
    );
  }

  async countLive(db: Db, tenant: TenantId, collectionId: string, recordType?: string): Promise<number> {
    const rows = recordType
      ? await queryRows<{ n: number }>(
          db,
          `SELECT count(*)::int AS n FROM records
            WHERE tenant_id = $1 AND collection_id = $2 AND record_type = $3 AND pending_upload_id IS NULL`,
          [tenant, collectionId, recordType],
        )
      : await queryRows<{ n: number }>(
          db,
          `SELECT count(*)::int AS n FROM records WHERE tenant_id = $1 AND collection_id = $2 AND pending_upload_id IS NULL`,
          [tenant, collectionId],
        );
    return rows[0].n;
  }

  /** Live records of the tenant per collection, record type and status. */
  statusCounts(db: Db, tenant: TenantId): Promise<StatusCountRow[]> {
    return queryRows(
      db,
      `SELECT collection_id, record_type, indexing_status, count(*)::int AS n
         FROM records
        WHERE tenant_id = $1 AND collection_id IN (SELECT id FROM collections WHERE tenant_id = $1)
          AND pending_upload_id IS NULL
        GROUP BY collection_id, record_type, indexing_status`,
      [tenant],
    );
  }
}
