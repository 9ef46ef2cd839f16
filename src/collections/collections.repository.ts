import { Injectable } from '@nestjs/common';
import { queryRows, type Db } from '../common/sql.js';
import type { TenantId } from '../common/tenant-id.js';

/** pg_advisory_xact_lock namespaces (first key), the tenant id hash being the second. */
export const LOCK_COLLECTIONS = 727_274_101;
export const LOCK_RECORD_QUOTA = 727_274_102;
export const LOCK_REPLACE_SWAP = 727_274_103;
export const LOCK_COLLECTION_DELETE = 727_274_104;

export interface CollectionRef {
  id: string;
  name: string;
  /** Set by `CollectionsService.ensure` when this call created the collection. */
  created?: boolean;
}

/** Every statement on `collections` (the schemas, words and records of one are in their own repositories). */
@Injectable()
export class CollectionsRepository {
  /**
   * The tenant's collection by name. `share`: inside a transaction, keep it from being deleted until the
   * transaction ends (and wait for a deletion in progress: a deleted collection is then not found).
   */
  async find(db: Db, tenant: TenantId, name: string, share = false): Promise<CollectionRef | null> {
    const rows = await queryRows<CollectionRef>(
      db,
      `SELECT id, name FROM collections WHERE tenant_id = $1 AND name = $2${share ? ' FOR KEY SHARE' : ''}`,
      [tenant, name],
    );
    return rows[0] ?? null;
  }

  /** Serialises collection creation per tenant until the transaction ends. */
  async lockCollections(db: Db, tenant: TenantId): Promise<void> {
    await queryRows(db, `SELECT pg_advisory_xact_lock($1, hashtext($2))`, [LOCK_COLLECTIONS, tenant]);
  }

  async count(db: Db, tenant: TenantId): Promise<number> {
    const rows = await queryRows<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM collections WHERE tenant_id = $1`,
      [tenant],
    );
    return rows[0].n;
  }

  async insert(db: Db, tenant: TenantId, name: string): Promise<CollectionRef> {
    const rows = await queryRows<CollectionRef>(
      db,
      `INSERT INTO collections (tenant_id, name) VALUES ($1, $2)
       ON CONFLICT (tenant_id, name) DO UPDATE SET name = EXCLUDED.name
       RETURNING id, name`,
      [tenant, name],
    );
    return rows[0];
  }

  /**
   * Deletes a collection that holds nothing (no records, uploads or schemas): one created by a request
   * that then failed. Answers whether it was deleted.
   */
  async deleteIfUnused(db: Db, tenant: TenantId, id: string): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      db,
      `DELETE FROM collections c
        WHERE c.tenant_id = $1 AND c.id = $2
          AND NOT EXISTS (SELECT 1 FROM records r WHERE r.tenant_id = c.tenant_id AND r.collection_id = c.id)
          AND NOT EXISTS (SELECT 1 FROM uploads u WHERE u.tenant_id = c.tenant_id AND u.collection_id = c.id)
          AND NOT EXISTS (SELECT 1 FROM record_schemas s WHERE s.tenant_id = c.tenant_id AND s.collection_id = c.id)
        RETURNING c.id`,
      [tenant, id],
    );
    return rows.length > 0;
  }

  list(db: Db, tenant: TenantId): Promise<(CollectionRef & { has_pending_replace: boolean })[]> {
    return queryRows(
      db,
      `SELECT c.id, c.name,
              EXISTS (SELECT 1 FROM uploads u
                       WHERE u.tenant_id = c.tenant_id AND u.collection_id = c.id AND u.mode = 'replace' AND u.status IN ('pending', 'processing')
                     ) AS has_pending_replace
         FROM collections c
        WHERE c.tenant_id = $1
        ORDER BY c.name`,
      [tenant],
    );
  }

  /** Per collection: live records, public ones, and the last change (rules §7 analytics). */
  analytics(
    db: Db,
    tenant: TenantId,
  ): Promise<{ collection: string; record_count: number; public_count: number; last_updated: Date }[]> {
    return queryRows(
      db,
      `SELECT c.name AS collection, count(r.id)::int AS record_count,
              (count(r.id) FILTER (WHERE r.visibility = 'public'))::int AS public_count,
              GREATEST(c.created_at, max(r.updated_at)) AS last_updated
         FROM collections c
         LEFT JOIN records r ON r.tenant_id = c.tenant_id AND r.collection_id = c.id AND r.pending_upload_id IS NULL
        WHERE c.tenant_id = $1
        GROUP BY c.id, c.name, c.created_at
        ORDER BY c.name`,
      [tenant],
    );
  }

  /**
   * Serialises the deletions of one collection (a second one waits, then finds it gone); answers its id,
   * or null. Deliberately no row lock on the collection yet: a record write locks its record, then at
   * commit the collection row (the search-version trigger), so a deletion holding the collection row
   * while it deletes the records would close a cycle with it (deadlock, issue 20). The deletion takes
   * the rows in the writers' order instead: the records, then the collection (`delete`).
   */
  async lockForDelete(db: Db, tenant: TenantId, name: string): Promise<string | null> {
    await db.query(`SELECT pg_advisory_xact_lock($1, hashtext($2 || '/' || $3))`, [
      LOCK_COLLECTION_DELETE,
      tenant,
      name,
    ]);
    const rows = await queryRows<{ id: string }>(
      db,
      `SELECT id FROM collections WHERE tenant_id = $1 AND name = $2`,
      [tenant, name],
    );
    return rows[0]?.id ?? null;
  }

  /** Deletes a collection with its schemas, uploads and words (cascades); its records go first. */
  async delete(db: Db, tenant: TenantId, id: string): Promise<void> {
    await queryRows(db, `DELETE FROM collections WHERE tenant_id = $1 AND id = $2`, [tenant, id]);
  }
}
