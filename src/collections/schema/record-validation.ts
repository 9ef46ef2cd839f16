import { isDeepStrictEqual } from 'node:util';
import type { FieldError } from '../../common/api-error.js';
import {
  MAX_DESCRIPTION_LENGTH,
  MAX_EXTERNAL_ID_LENGTH,
  MAX_NAME_LENGTH,
  type FieldType,
  type IndexingStatus,
  type Visibility,
} from '../collections.constants.js';
import type { FieldDefinition } from './field-definition.js';
import { normalizeDate } from '../../common/dates.js';
import { NON_FINITE_MESSAGE } from '../../common/json-shape.js';

/** The record fields of one incoming record (before schema validation of `collection_data`). */
export interface RecordInput {
  name: string;
  description: string | null;
  external_id: string | null;
  visibility: Visibility;
  collection_data: Record<string, unknown>;
}

/** A record ready to store: `collection_data` coerced, its status, and the text of its searchable fields. */
export interface PreparedRecord extends RecordInput {
  indexing_status: Extract<IndexingStatus, 'indexed' | 'failed'>;
  indexing_error: string | null;
  search_text: string;
}

/** search_text is one weight-C part of the tsvector (max 1 MiB): stay well below it. */
const MAX_SEARCH_TEXT = 200_000;

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

type Coerced = { ok: true; value: unknown } | { ok: false; message: string };

const MESSAGES: Record<FieldType, string> = {
  string: 'must be a string',
  number: 'must be a number',
  integer: 'must be an integer',
  boolean: 'must be a boolean (true or false)',
  date: 'must be a date in ISO 8601 form (2024-05-01 or 2024-05-01T12:00:00Z)',
  'string[]': 'must be an array of strings',
};

/** Checks a JSON value against a field type (dates are normalized). */
export function checkValue(type: FieldType, value: unknown): Coerced {
  switch (type) {
    case 'string':
      return typeof value === 'string' ? { ok: true, value } : { ok: false, message: MESSAGES.string };
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? { ok: true, value }
        : { ok: false, message: MESSAGES.number };
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value)
        ? { ok: true, value }
        : { ok: false, message: MESSAGES.integer };
    case 'boolean':
      return typeof value === 'boolean' ? { ok: true, value } : { ok: false, message: MESSAGES.boolean };
    case 'date': {
      const normalized = typeof value === 'string' ? normalizeDate(value) : null;
      return normalized !== null ? { ok: true, value: normalized } : { ok: false, message: MESSAGES.date };
    }
    case 'string[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'string')
        ? { ok: true, value }
        : { ok: false, message: MESSAGES['string[]'] };
  }
}

/**
 * Converts CSV text to a field type: numbers in decimal or exponent notation, integers, booleans
 * (true/false, 1/0, yes/no), ISO 8601 dates, and lists (a JSON array, or items separated by `|`, `;` or `,`).
 */
export function coerceText(type: FieldType, text: string): Coerced {
  const trimmed = text.trim();
  switch (type) {
    case 'string':
      return { ok: true, value: text };
    case 'number':
      if (!DECIMAL.test(trimmed)) return { ok: false, message: MESSAGES.number };
      // `1e400` is written like a number but no double holds it (it would become Infinity, then null).
      return Number.isFinite(Number(trimmed))
        ? { ok: true, value: Number(trimmed) }
        : { ok: false, message: NON_FINITE_MESSAGE };
    case 'integer':
      return INTEGER.test(trimmed) && Number.isSafeInteger(Number(trimmed))
        ? { ok: true, value: Number(trimmed) }
        : { ok: false, message: MESSAGES.integer };
    case 'boolean': {
      const lower = trimmed.toLowerCase();
      if (lower === 'true' || lower === '1' || lower === 'yes') return { ok: true, value: true };
      if (lower === 'false' || lower === '0' || lower === 'no') return { ok: true, value: false };
      return { ok: false, message: MESSAGES.boolean };
    }
    case 'date':
      return checkValue('date', trimmed);
    case 'string[]': {
      if (trimmed.startsWith('[')) {
        try {
          return checkValue('string[]', JSON.parse(trimmed));
        } catch {
          return { ok: false, message: MESSAGES['string[]'] };
        }
      }
      const items = trimmed
        .split(/[|;,]/)
        .map((item) => item.trim())
        .filter((item) => item.length > 0);
      return { ok: true, value: items };
    }
  }
}

/**
 * Validates `collection_data` against a record type's fields (types and required). CSV values
 * (`fromText`) are first coerced to the field types. Keys the schema does not name are kept as they are.
 */
export function validateCollectionData(
  fields: readonly FieldDefinition[] | null,
  data: Record<string, unknown>,
  fromText: boolean,
): { data: Record<string, unknown>; errors: FieldError[] } {
  if (!fields || fields.length === 0) return { data, errors: [] };
  const out: Record<string, unknown> = { ...data };
  const errors: FieldError[] = [];
  for (const field of fields) {
    const value = data[field.name];
    if (value === undefined || value === null) {
      if (field.required) errors.push({ field: `collection_data.${field.name}`, message: 'is required' });
      continue;
    }
    const result =
      fromText && typeof value === 'string' ? coerceText(field.type, value) : checkValue(field.type, value);
    if (result.ok) out[field.name] = result.value;
    else errors.push({ field: `collection_data.${field.name}`, message: result.message });
  }
  return { data: out, errors };
}

/** The text of the searchable fields (weight C of the search vector). */
export function searchTextOf(
  fields: readonly FieldDefinition[] | null,
  data: Record<string, unknown>,
): string {
  if (!fields) return '';
  const parts: string[] = [];
  for (const field of fields) {
    if (!field.searchable) continue;
    const value = data[field.name];
    if (value === undefined || value === null) continue;
    if (typeof value === 'string') parts.push(value);
    else if (Array.isArray(value))
      parts.push(value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' '));
    else parts.push(JSON.stringify(value)); // numbers, booleans, objects: their JSON text
  }
  const text = parts.join(' ');
  return text.length > MAX_SEARCH_TEXT ? text.slice(0, MAX_SEARCH_TEXT) : text;
}

/** Validates against the schema and decides the record's indexing status. */
export function prepareRecord(
  input: RecordInput,
  fields: readonly FieldDefinition[] | null,
  fromText: boolean,
): PreparedRecord {
  const { data, errors } = validateCollectionData(fields, input.collection_data, fromText);
  const failed = errors.length > 0;
  return {
    ...input,
    collection_data: data,
    indexing_status: failed ? 'failed' : 'indexed',
    indexing_error: failed ? errors.map((e) => `${e.field}: ${e.message}`).join('; ') : null,
    search_text: failed ? '' : searchTextOf(fields, data),
  };
}

/**
 * One uploaded row → record fields. `name`, `description`, `external_id` and `visibility` are record
 * fields; `collection_data` (JSON rows; in CSV an ordinary column) and every other key go into
 * collection_data. Answers an error
 * (the row is skipped) when the row cannot be a record: no name, or a record field of the wrong kind.
 */
export function mapRow(
  values: Record<string, unknown>,
  fromText: boolean,
): { input: RecordInput; error?: undefined } | { error: string; input?: undefined } {
  const { name, description, external_id, visibility, ...rest } = values;
  // A JSON row may nest its data under `collection_data`; in a CSV file that is just another column.
  let collection_data: unknown;
  if (!fromText) {
    collection_data = rest.collection_data;
    delete rest.collection_data;
  }
  if (name === undefined || name === null || (typeof name === 'string' && name.trim() === '')) {
    return { error: 'name is required' };
  }
  if (typeof name !== 'string') return { error: 'name must be a string' };
  if (name.length > MAX_NAME_LENGTH) return { error: `name must be at most ${MAX_NAME_LENGTH} characters` };
  if (description !== undefined && description !== null && typeof description !== 'string') {
    return { error: 'description must be a string' };
  }
  if (typeof description === 'string' && description.length > MAX_DESCRIPTION_LENGTH) {
    return { error: `description must be at most ${MAX_DESCRIPTION_LENGTH} characters` };
  }
  let externalId: string | null = null;
  if (external_id !== undefined && external_id !== null) {
    if (typeof external_id === 'number') {
      // Beyond 2^53 a JSON number has already lost digits when parsed: two ids could become one.
      if (!Number.isSafeInteger(external_id)) {
        return {
          error: `external_id ${external_id} cannot be kept exactly as a number (whole numbers up to ${Number.MAX_SAFE_INTEGER} only): send it as a string`,
        };
      }
      externalId = String(external_id);
    } else if (typeof external_id === 'string') externalId = fromText ? external_id.trim() : external_id;
    else return { error: 'external_id must be a string' };
    if (externalId.length === 0) externalId = null;
    else if (externalId.length > MAX_EXTERNAL_ID_LENGTH) {
      return { error: `external_id must be at most ${MAX_EXTERNAL_ID_LENGTH} characters` };
    }
  }
  let vis: Visibility = 'private';
  if (visibility !== undefined && visibility !== null) {
    const v = typeof visibility === 'string' ? visibility.trim().toLowerCase() : visibility;
    if (v !== 'private' && v !== 'public') return { error: 'visibility must be "private" or "public"' };
    vis = v;
  }
  let data: Record<string, unknown> = rest;
  if (collection_data !== undefined && collection_data !== null) {
    if (typeof collection_data !== 'object' || Array.isArray(collection_data)) {
      return { error: 'collection_data must be an object' };
    }
    const nested = collection_data as Record<string, unknown>;
    for (const field of Object.keys(rest)) {
      if (Object.hasOwn(nested, field) && !isDeepStrictEqual(nested[field], rest[field])) {
        return { error: `${field} is given twice, differently: at the top level and in collection_data` };
      }
    }
    data = { ...rest, ...nested };
  }
  return {
    input: {
      name,
      description: typeof description === 'string' && description.length > 0 ? description : null,
      external_id: externalId,
      visibility: vis,
      collection_data: data,
    },
  };
}
