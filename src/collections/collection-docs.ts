import { applyDecorators } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { ErrorDto } from '../common/error.dto.js';
import type { OperationDoc } from '../common/operation-doc.js';
import { UploadAcceptedDto, UploadFileBodyDto } from './dto/upload.dto.js';

/**
 * The words of every data operation, one bundle per operation, used by its API-key door (`/api/v1/…`)
 * and its portal mirror (`/api/v1/portal/…`) alike (the `api-keys/key-docs.ts` pattern).
 */
export const COLLECTION_DOCS = {
  listCollections: {
    summary: 'Collections with their record counters, the plan and its record cap.',
  },
  deleteCollection: {
    summary: 'Delete a collection with all its records, schemas and uploads (audited).',
  },
  exportCollection: {
    summary: 'Every record of the collection as NDJSON, streamed.',
    description:
      '`application/x-ndjson`: one record per line in the record shape, oldest first (optionally of one `record_type`), streamed with constant memory.',
  },
  reindexCollection: {
    summary: 'Re-validate every record against the current schemas and re-index it, in the background.',
  },
  listRecords: { summary: 'Records of a collection, oldest first.' },
  createRecord: {
    summary: 'Create a record, validated and indexed before the answer.',
    description:
      'Creates the collection too when needed. `collection_data` is validated against the record type’s schema (422 naming each field). ' +
      '403 `plan_limit_reached` over the plan’s record cap or max_collections; 409 for a taken external_id.',
  },
  getRecord: { summary: 'One record.' },
  updateRecord: {
    summary: 'Change a record, re-validated and re-indexed before the answer.',
    description:
      '`collection_data` is merged key by key (`null` removes a key), then the whole record is re-validated against its schema (422 naming each field). ' +
      '409 for a taken external_id.',
  },
  deleteRecord: { summary: 'Delete a record.' },
  putSchema: {
    summary: 'Create or replace the schema of a record type.',
    description:
      'Creates the collection when needed (403 `plan_limit_reached` past the plan’s max_collections). ' +
      'Existing records of the type are re-validated and re-indexed in the background.',
  },
  getSchemas: { summary: 'The schemas of every record type of a collection.' },
  search: {
    summary: 'Full-text search over the indexed records of a collection, ranked.',
    description:
      'Ranked: name above description above searchable fields (English stemming: `bearings` finds "bearing"). ' +
      'With `fuzzy` (default true), a query whose words match nothing is searched again with each word corrected to the closest words of the collection (trigram similarity, then fewest edits), so misspellings (`bearng`) still find records, scored below 0.5. ' +
      '`filters` apply to filterable fields only (others: 422): equality (a list field: contains), `{gte, lte}` on number, integer and date fields; a value of another type never matches. Counts one search for metering. ' +
      'Records whose name holds every searched word come first (scores 0.75 and above). `total` is exact up to 1,000 matches (SEARCH_EXACT_TOTAL_LIMIT) and a lower bound beyond it, as `total_relation` says (`eq` / `gte`); `exact_total: true` counts them all. ' +
      'Repeated searches may be answered from a cache that is exact: any change to the collection is seen by the next search.',
  },
  uploadFile: {
    summary: 'Upload a file of records, processed in the background.',
    description:
      'multipart/form-data: part `file`, optional part `mode`; follow the upload with `GET /uploads/{id}`. ' +
      'CSV columns `name`, `description`, `external_id`, `visibility` map to record fields, the others go into collection_data, coerced to the schema’s types (an empty cell is no value). ' +
      'Rows without a name are skipped and rows breaking the schema are stored as `failed` records; both are counted in `rows_failed` and listed in `errors`. ' +
      'A file that cannot be parsed at all answers 202 with status `failed` (the reason is in the upload’s `errors`) and changes nothing. ' +
      'Unsupported file type: 415 `unsupported_media_type`; over 50 MiB: 413; malformed multipart: 400 `bad_request`.',
  },
  ingestRecords: {
    summary: 'Queue 1–1000 records (JSON) for processing, like an upload.',
    description: 'Same modes as an upload, same per-row errors in `GET /uploads/{id}`.',
  },
  listUploads: { summary: 'Uploads, newest first (optionally of one collection).' },
  getUpload: { summary: 'Status and progress of an upload, with its first 100 row errors.' },
} as const satisfies Record<string, OperationDoc>;

/** The OpenAPI answers of an NDJSON export (both doors). */
export const ApiNdjsonExport = () =>
  applyDecorators(
    ApiProduces('application/x-ndjson'),
    ApiOkResponse({
      description: 'NDJSON: one record (the record shape of `GET /entities/{collection}/{id}`) per line.',
      content: { 'application/x-ndjson': { schema: { type: 'string' } } },
    }),
    ApiNotFoundResponse({ type: ErrorDto }),
  );

/** The OpenAPI body and answers of a file upload (both doors). */
export const ApiFileUpload = () =>
  applyDecorators(
    ApiConsumes('multipart/form-data'),
    ApiBody({ type: UploadFileBodyDto }),
    ApiAcceptedResponse({ type: UploadAcceptedDto }),
    ApiBadRequestResponse({ type: ErrorDto, description: 'Malformed multipart body (`bad_request`).' }),
    ApiPayloadTooLargeResponse({
      type: ErrorDto,
      description: 'The file is over 50 MiB (`payload_too_large`).',
    }),
    ApiUnsupportedMediaTypeResponse({
      type: ErrorDto,
      description: 'Not multipart, or not a .csv/.json/.ndjson/.jsonl file (`unsupported_media_type`).',
    }),
  );
