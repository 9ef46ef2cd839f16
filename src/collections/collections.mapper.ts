import type { RecordDto } from './dto/record.dto.js';
import type { SchemaFieldDto } from './dto/schema.dto.js';
import type { UploadDto } from './dto/upload.dto.js';
import type { RecordRow } from './records.repository.js';
import type { FieldDefinition } from './schema/field-definition.js';
import type { UploadRow } from './uploads.repository.js';

export function toRecordDto(row: RecordRow, collection: string): RecordDto {
  return {
    id: row.id,
    external_id: row.external_id,
    name: row.name,
    description: row.description,
    collection,
    record_type: row.record_type,
    visibility: row.visibility,
    indexing_status: row.indexing_status,
    indexing_error: row.indexing_error,
    collection_data: row.collection_data,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

export function toFieldDtos(fields: FieldDefinition[]): SchemaFieldDto[] {
  return fields.map((f) => ({
    name: f.name,
    type: f.type,
    required: f.required,
    searchable: f.searchable,
    filterable: f.filterable,
  }));
}

export function toUploadDto(row: UploadRow): UploadDto {
  return {
    id: row.id,
    collection: row.collection,
    record_type: row.record_type,
    mode: row.mode,
    // `receiving` uploads are never read out (they have not been answered yet).
    status: row.status === 'receiving' ? 'pending' : row.status,
    rows_total: row.rows_total,
    rows_indexed: row.rows_indexed,
    rows_failed: row.rows_failed,
    errors: row.errors,
    created_at: row.created_at.toISOString(),
    finished_at: row.finished_at ? row.finished_at.toISOString() : null,
  };
}
