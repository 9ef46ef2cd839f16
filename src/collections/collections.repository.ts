import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { queryRows } from '../common/sql.js';
import type { PlanName } from '../tenancy/tenant.entity.js';
import type { IndexingStatus } from './collections.constants.js';
import type { FieldDefinition } from './schema/field-definition.js';

export type Db = DataSource | EntityManager;

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

export interface SchemaRow {
  record_type: string;
  fields: FieldDefinition[];
  updated_at: Date;
}

export interface StatusCountRow {
  collection_id: string;
  record_type: string;
  indexing_status: IndexingStatus;
  n: number;
}

/** A tenant's collection with its record schemas and their version (see `schemasByName`). */
export interface CollectionSchemas {
  id: string;
  /** `collections.schema_version` (bigint as text): bumped by every change to the schemas. */
  schemaVersion: string;
  schemas: { record_type: string; fields: FieldDefinition[] }[];
}

/** SQL of collections and record schemas. Every query is scoped by tenant or by a tenant's collection id. */
@Injectable()
export class CollectionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The tenant's collection by name. `share`: inside a transaction, keep it from being deleted until the
   * transaction ends (and wait for a deletion in progress: a deleted collection is then not found).
   */
  async find(
    tenantId: string,
    name: string,
    db: Db = this.dataSource,
    share = false,
  ): Promise<CollectionRef | null> {
    const rows = await queryRows<CollectionRef>(
      db,
      `SELECT id, name FROM collections WHERE tenant_id = $1 AND name = $2${share ? ' FOR KEY SHARE' : ''}`,
      [tenantId, name],
    );
    return rows[0] ?? null;
  }

  async tenantPlan(tenantId: string, db: Db = this.dataSource): Promise<PlanName> {
    const rows = await queryRows<{ plan: PlanName }>(db, `SELECT plan FROM tenants WHERE id = $1`, [
      tenantId,
    ]);
    if (!rows[0]) throw new Error(`tenant ${tenantId} not found`);
    return rows[0].plan;
  }

  /** Serialises collection creation per tenant until the transaction ends. */
  async lockCollections(manager: EntityManager, tenantId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [LOCK_COLLECTIONS, tenantId]);
  }

  async count(manager: EntityManager, tenantId: string): Promise<number> {
    const rows = await queryRows<{ n: number }>(
      manager,
      `SELECT count(*)::int AS n FROM collections WHERE tenant_id = $1`,
      [tenantId],
    );
    return rows[0].n;
  }

  async insert(manager: EntityManager, tenantId: string, name: string): Promise<CollectionRef> {
    const rows = await queryRows<CollectionRef>(
      manager,
      `INSERT INTO collections (tenant_id, name) VALUES ($1, $2)
       ON CONFLICT (tenant_id, name) DO UPDATE SET name = EXCLUDED.name
       RETURNING id, name`,
      [tenantId, name],
    );
    return rows[0];
  }

  /** Deletes a collection that holds nothing (no records, uploads or schemas): one created by a request that then failed. */
  async deleteIfUnused(tenantId: string, id: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM collections c
        WHERE c.tenant_id = $1 AND c.id = $2
          AND NOT EXISTS (SELECT 1 FROM records r WHERE r.tenant_id = c.tenant_id AND r.collection_id = c.id)
          AND NOT EXISTS (SELECT 1 FROM uploads u WHERE u.tenant_id = c.tenant_id AND u.collection_id = c.id)
          AND NOT EXISTS (SELECT 1 FROM record_schemas s WHERE s.tenant_id = c.tenant_id AND s.collection_id = c.id)`,
      [tenantId, id],
    );
  }

  async list(tenantId: string): Promise<(CollectionRef & { has_pending_replace: boolean })[]> {
    return queryRows(
      this.dataSource,
      `SELECT c.id, c.name,
              EXISTS (SELECT 1 FROM uploads u
                       WHERE u.tenant_id = c.tenant_id AND u.collection_id = c.id AND u.mode = 'replace' AND u.status IN ('pending', 'processing')
                     ) AS has_pending_replace
         FROM collections c
        WHERE c.tenant_id = $1
        ORDER BY c.name`,
      [tenantId],
    );
  }

  /** Live records per collection, record type and status. */
  /** Per collection: live records, public ones, and the last change (SPEC §7 analytics). */
  async analytics(
    tenantId: string,
  ): Promise<{ collection: string; record_count: number; public_count: number; last_updated: Date }[]> {
    return queryRows(
      this.dataSource,
      `SELECT c.name AS collection, count(r.id)::int AS record_count,
              (count(r.id) FILTER (WHERE r.visibility = 'public'))::int AS public_count,
              GREATEST(c.created_at, max(r.updated_at)) AS last_updated
         FROM collections c
         LEFT JOIN records r ON r.tenant_id = c.tenant_id AND r.collection_id = c.id AND r.pending_upload_id IS NULL
        WHERE c.tenant_id = $1
        GROUP BY c.id, c.name, c.created_at
        ORDER BY c.name`,
      [tenantId],
    );
  }

  async statusCounts(tenantId: string): Promise<StatusCountRow[]> {
    return queryRows(
      this.dataSource,
      `SELECT collection_id, record_type, indexing_status, count(*)::int AS n
         FROM records
        WHERE tenant_id = $1 AND collection_id IN (SELECT id FROM collections WHERE tenant_id = $1)
          AND pending_upload_id IS NULL
        GROUP BY collection_id, record_type, indexing_status`,
      [tenantId],
    );
  }

  async schemaTypes(tenantId: string): Promise<{ collection_id: string; record_type: string }[]> {
    return queryRows(
      this.dataSource,
      `SELECT collection_id, record_type FROM record_schemas WHERE tenant_id = $1`,
      [tenantId],
    );
  }

  /** Adds words to a collection's dictionary (fuzzy search corrects query words against it). */
  async addWords(
    tenantId: string,
    collectionId: string,
    words: string[],
    db: Db = this.dataSource,
  ): Promise<void> {
    if (words.length === 0) return;
    await db.query(
      `INSERT INTO collection_words (tenant_id, collection_id, word)
       SELECT $1, $2, w FROM unnest($3::text[]) AS w ORDER BY w
       ON CONFLICT DO NOTHING`,
      [tenantId, collectionId, words],
    );
  }

  /**
   * Serialises the deletions of one collection (a second one waits, then finds it gone); answers its id,
   * or null. Deliberately no row lock on the collection yet: a record write locks its record, then at
   * commit the collection row (the search-version trigger), so a deletion holding the collection row
   * while it deletes the records would close a cycle with it (deadlock, issue 20). The deletion takes
   * the rows in the writers' order instead: the records, then the collection (`delete`).
   */
  async lockForDelete(manager: EntityManager, tenantId: string, name: string): Promise<string | null> {
    await manager.query(`SELECT pg_advisory_xact_lock($1, hashtext($2 || '/' || $3))`, [
      LOCK_COLLECTION_DELETE,
      tenantId,
      name,
    ]);
    const rows = await queryRows<{ id: string }>(
      manager,
      `SELECT id FROM collections WHERE tenant_id = $1 AND name = $2`,
      [tenantId, name],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Deletes a collection with its schemas, uploads and words (cascades); its records go first. A record
   * written meanwhile (its writer holds the collection FOR KEY SHARE) is waited for, then cascades too.
   */
  async delete(manager: EntityManager, tenantId: string, id: string): Promise<void> {
    await manager.query(`DELETE FROM collections WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  }

  async upsertSchema(
    manager: EntityManager,
    tenantId: string,
    collectionId: string,
    recordType: string,
    fields: FieldDefinition[],
  ): Promise<SchemaRow> {
    const rows = await queryRows<SchemaRow>(
      manager,
      `INSERT INTO record_schemas (tenant_id, collection_id, record_type, fields)
       VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (tenant_id, collection_id, record_type) DO UPDATE SET fields = EXCLUDED.fields, updated_at = now()
       RETURNING record_type, fields, updated_at`,
      [tenantId, collectionId, recordType, JSON.stringify(fields)],
    );
    return rows[0];
  }

  async schemas(tenantId: string, collectionId: string, db: Db = this.dataSource): Promise<SchemaRow[]> {
    return queryRows(
      db,
      `SELECT record_type, fields, updated_at FROM record_schemas
        WHERE tenant_id = $1 AND collection_id = $2 ORDER BY record_type`,
      [tenantId, collectionId],
    );
  }

  /**
   * A tenant's collection by name with its record schemas, its id and its schema version (read
   * together: SearchService compiles filters against them while that version holds); null when there
   * is none.
   */
  async schemasByName(tenantId: string, name: string): Promise<CollectionSchemas | null> {
    const rows = await queryRows<{
      id: string;
      schema_version: string;
      record_type: string | null;
      fields: FieldDefinition[] | null;
    }>(
      this.dataSource,
      `SELECT c.id, c.schema_version::text AS schema_version, rs.record_type, rs.fields
         FROM collections c LEFT JOIN record_schemas rs ON rs.tenant_id = c.tenant_id AND rs.collection_id = c.id
        WHERE c.tenant_id = $1 AND c.name = $2`,
      [tenantId, name],
    );
    if (rows.length === 0) return null;
    return {
      id: rows[0].id,
      schemaVersion: rows[0].schema_version,
      schemas: rows.flatMap((r) =>
        r.record_type !== null && r.fields ? [{ record_type: r.record_type, fields: r.fields }] : [],
      ),
    };
  }

  async fields(
    tenantId: string,
    collectionId: string,
    recordType: string,
    db: Db = this.dataSource,
  ): Promise<FieldDefinition[] | null> {
    const rows = await queryRows<{ fields: FieldDefinition[] }>(
      db,
      `SELECT fields FROM record_schemas WHERE tenant_id = $1 AND collection_id = $2 AND record_type = $3`,
      [tenantId, collectionId, recordType],
    );
    return rows[0]?.fields ?? null;
  }
}
