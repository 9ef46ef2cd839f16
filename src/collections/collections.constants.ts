/** rules §5: collection names and record types. */
export const NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;
export const NAME_RULE =
  'must match ^[a-z0-9][a-z0-9_-]{0,62}$ (lowercase letters, digits, "_" and "-", 1–63 characters)';

export const FIELD_TYPES = ['string', 'number', 'integer', 'boolean', 'date', 'string[]'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const VISIBILITIES = ['private', 'public'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const INDEXING_STATUSES = ['pending', 'processing', 'indexed', 'failed'] as const;
export type IndexingStatus = (typeof INDEXING_STATUSES)[number];

export const UPLOAD_MODES = ['append', 'upsert', 'replace'] as const;
export type UploadMode = (typeof UPLOAD_MODES)[number];

/** What clients see. */
export const UPLOAD_STATUSES = ['pending', 'processing', 'completed', 'failed'] as const;
export type UploadStatus = (typeof UPLOAD_STATUSES)[number];
/** Stored: `receiving` while the file is still streaming in (never shown: not yet answered 202). */
export type StoredUploadStatus = UploadStatus | 'receiving';

export const UPLOAD_FORMATS = ['csv', 'json', 'ndjson'] as const;
export type UploadFormat = (typeof UPLOAD_FORMATS)[number];

/** rules §5: uploaded files up to 50 MiB. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
/** rules §5: a JSON batch holds 1–1000 records. */
export const MAX_BATCH_RECORDS = 1000;
/** The first 100 row errors of an upload are kept. */
export const MAX_UPLOAD_ERRORS = 100;

/** Record field limits (characters). */
export const MAX_NAME_LENGTH = 1000;
export const MAX_DESCRIPTION_LENGTH = 20_000;
export const MAX_EXTERNAL_ID_LENGTH = 255;
export const MAX_SCHEMA_FIELDS = 100;

/** Text-search configuration of the search vector (stemming: "bearings" finds "bearing"). */
export const TS_CONFIG = 'english';

/** Record columns a CSV header / JSON row maps to record fields; every other key goes to collection_data. */
export const RECORD_COLUMNS = ['name', 'description', 'external_id', 'visibility'] as const;
/** Schema field names that would shadow record fields. */
export const RESERVED_FIELD_NAMES = new Set([
  'id',
  'name',
  'description',
  'external_id',
  'visibility',
  'collection_data',
]);
