import { Injectable } from '@nestjs/common';
import { queryRows, type Db } from '../common/sql.js';
import type { TenantId } from '../common/tenant-id.js';
import type { FieldDefinition } from './schema/field-definition.js';

export interface SchemaRow {
  record_type: string;
  fields: FieldDefinition[];
  updated_at: Date;
}

/** A tenant's collection with its record schemas and their version (see `byCollectionName`). */
export interface CollectionSchemas {
  id: string;
  /** `collections.schema_version` (bigint as text): bumped by every change to the schemas. */
  schemaVersion: string;
  schemas: { record_type: string; fields: FieldDefinition[] }[];
}

/** Every statement on `record_schemas`. */
@Injectable()
export class RecordSchemasRepository {
  async upsert(
    db: Db,
    tenant: TenantId,
    collectionId: string,
    recordType: string,
    fields: FieldDefinition[],
  ): Promise<SchemaRow> {
    const rows = await queryRows<SchemaRow>(
      db,
      `INSERT INTO record_schemas (tenant_id, collection_id, record_type, fields)
       VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (tenant_id, collection_id, record_type) DO UPDATE SET fields = EXCLUDED.fields, updated_at = now()
       RETURNING record_type, fields, updated_at`,
      [tenant, collectionId, recordType, JSON.stringify(fields)],
    );
    return rows[0];
  }

  ofCollection(db: Db, tenant: TenantId, collectionId: string): Promise<SchemaRow[]> {
    return queryRows(
      db,
      `SELECT record_type, fields, updated_at FROM record_schemas
        WHERE tenant_id = $1 AND collection_id = $2 ORDER BY record_type`,
      [tenant, collectionId],
    );
  }

  /**
   * A tenant's collection by name with its record schemas, its id and its schema version (read
   * together: SearchService compiles filters against them while that version holds); null when there
   * is none.
   */
  async byCollectionName(db: Db, tenant: TenantId, name: string): Promise<CollectionSchemas | null> {
    const rows = await queryRows<{
      id: string;
      schema_version: string;
      record_type: string | null;
      fields: FieldDefinition[] | null;
    }>(
      db,
      `SELECT c.id, c.schema_version::text AS schema_version, rs.record_type, rs.fields
         FROM collections c LEFT JOIN record_schemas rs ON rs.tenant_id = c.tenant_id AND rs.collection_id = c.id
        WHERE c.tenant_id = $1 AND c.name = $2`,
      [tenant, name],
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

  /** The record types with a schema, per collection of the tenant. */
  typesOfTenant(db: Db, tenant: TenantId): Promise<{ collection_id: string; record_type: string }[]> {
    return queryRows(db, `SELECT collection_id, record_type FROM record_schemas WHERE tenant_id = $1`, [
      tenant,
    ]);
  }

  async fields(
    db: Db,
    tenant: TenantId,
    collectionId: string,
    recordType: string,
  ): Promise<FieldDefinition[] | null> {
    const rows = await queryRows<{ fields: FieldDefinition[] }>(
      db,
      `SELECT fields FROM record_schemas WHERE tenant_id = $1 AND collection_id = $2 AND record_type = $3`,
      [tenant, collectionId, recordType],
    );
    return rows[0]?.fields ?? null;
  }
}
