import type { UploadFormat } from '../collections.constants.js';
import { RECORD_COLUMNS } from '../collections.constants.js';
import { CsvSyntaxError, CsvTokenizer } from './csv-tokenizer.js';
import { findNonFinite, MAX_JSON_DEPTH, nestsDeeperThan } from '../../common/json-shape.js';
import { findUnstorable } from '../../common/storable-text.js';
import { FileSyntaxError } from './file-syntax-error.js';
import { JsonArraySplitter, JsonSyntaxError } from './json-array-splitter.js';
import { NdjsonSplitter, NdjsonSyntaxError } from './ndjson-splitter.js';

/**
 * One data row of an uploaded file (`row` is 1-based; the CSV header is not a row): its values by
 * key, or why it cannot be a record at all. `fromText` marks CSV values (strings, to be coerced by
 * the schema's types); JSON values keep their JSON types.
 */
export type ParsedRow =
  | { row: number; values: Record<string, unknown>; fromText: boolean; error?: undefined }
  | { row: number; error: string; values?: undefined };

export type RowSink = (row: ParsedRow) => void;

const RESERVED = new Set<string>(RECORD_COLUMNS);

/**
 * Bytes → rows for one upload format. Decodes UTF-8 strictly (a leading BOM is dropped), parses in
 * streaming fashion and throws FileSyntaxError when the file cannot be parsed at all.
 */
export class RowReader {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private readonly parser: CsvRows | JsonArrayRows | NdjsonRows;
  private rows = 0;
  /**
   * Whether the text so far could hold U+0000 or an unpaired surrogate (a NUL, or a `\u` escape in
   * JSON), which PostgreSQL cannot store: from then on every row is checked, and a row holding one is
   * skipped with its error. Files without either cost nothing more.
   */
  private suspect = false;
  private last = '';

  constructor(format: UploadFormat) {
    this.parser =
      format === 'csv' ? new CsvRows() : format === 'json' ? new JsonArrayRows() : new NdjsonRows();
  }

  /** Rows emitted so far. */
  get count(): number {
    return this.rows;
  }

  write(bytes: Uint8Array, sink: RowSink): void {
    let text: string;
    try {
      text = this.decoder.decode(bytes, { stream: true });
    } catch {
      throw new FileSyntaxError('the file is not valid UTF-8 text', this.rows + 1);
    }
    this.watch(text);
    this.parser.write(text, this.counting(sink));
  }

  end(sink: RowSink): void {
    let text: string;
    try {
      text = this.decoder.decode();
    } catch {
      throw new FileSyntaxError(
        'the file is not valid UTF-8 text (it ends inside a character)',
        this.rows + 1,
      );
    }
    const counting = this.counting(sink);
    this.watch(text);
    if (text) this.parser.write(text, counting);
    this.parser.end(counting);
  }

  private watch(text: string): void {
    if (this.suspect || text === '') return;
    // The last character of the previous piece too: a `\u` may straddle two pieces.
    const seen = this.last + text;
    this.suspect = seen.includes('\u0000') || seen.includes('\\u');
    this.last = text[text.length - 1];
  }

  private counting(sink: RowSink): RowSink {
    return (row) => {
      this.rows++;
      // JSON rows (CSV rows are flat) are bounded in depth before anything walks them.
      if (row.values !== undefined && !row.fromText && nestsDeeperThan(row.values)) {
        sink({ row: row.row, error: `nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels` });
        return;
      }
      const unstorable = this.suspect && row.values !== undefined ? findUnstorable(row.values) : null;
      if (unstorable !== null) {
        sink({
          row: row.row,
          error: `has text that cannot be stored at ${unstorable} (U+0000 or an unpaired surrogate)`,
        });
        return;
      }
      // JSON rows: `1e400` parsed as Infinity, which would be stored as null (CSV cells stay text until
      // coerced, and coercion refuses them).
      const overflow = row.values !== undefined && !row.fromText ? findNonFinite(row.values) : null;
      if (overflow === null) sink(row);
      else
        sink({
          row: row.row,
          error: `has a number at ${overflow} beyond what a JSON number holds (a 64-bit float, up to ~1.8e308)`,
        });
    };
  }
}

/** CSV: the first record is the header; `name`, `description`, `external_id`, `visibility` (any case) are record fields. */
class CsvRows {
  private readonly tokenizer = new CsvTokenizer();
  private header: string[] | null = null;
  private row = 0;

  write(text: string, sink: RowSink): void {
    try {
      this.tokenizer.write(text, (record) => this.record(record, sink));
    } catch (error) {
      throw this.wrap(error);
    }
  }

  end(sink: RowSink): void {
    try {
      this.tokenizer.end((record) => this.record(record, sink));
    } catch (error) {
      throw this.wrap(error);
    }
    if (!this.header) throw new FileSyntaxError('the file is empty: a CSV upload needs a header row', 1);
  }

  private wrap(error: unknown): unknown {
    return error instanceof CsvSyntaxError ? new FileSyntaxError(error.message, this.row + 1) : error;
  }

  private record(record: string[], sink: RowSink): void {
    if (!this.header) {
      this.header = readHeader(record);
      return;
    }
    const row = ++this.row;
    const header = this.header;
    if (record.length > header.length) {
      sink({ row, error: `has ${record.length} fields but the header has ${header.length} columns` });
      return;
    }
    const values: Record<string, unknown> = {};
    for (let k = 0; k < record.length; k++) {
      // An empty cell is no value (an optional field left out).
      if (record[k] !== '') values[header[k]] = record[k];
    }
    sink({ row, values, fromText: true });
  }
}

function readHeader(record: string[]): string[] {
  const seen = new Set<string>();
  return record.map((raw, k) => {
    const trimmed = raw.trim();
    if (!trimmed) throw new FileSyntaxError(`the CSV header has an empty column name (column ${k + 1})`, 1);
    const lower = trimmed.toLowerCase();
    const name = RESERVED.has(lower) ? lower : trimmed;
    if (seen.has(name)) throw new FileSyntaxError(`the CSV header names the column "${name}" twice`, 1);
    seen.add(name);
    return name;
  });
}

function objectRow(value: unknown, row: number): ParsedRow {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { row, error: 'is not a JSON object' };
  }
  return { row, values: value as Record<string, unknown>, fromText: false };
}

class JsonArrayRows {
  private readonly splitter = new JsonArraySplitter();

  write(text: string, sink: RowSink): void {
    try {
      this.splitter.write(text, (value, element) => sink(objectRow(value, element)));
    } catch (error) {
      throw error instanceof JsonSyntaxError ? new FileSyntaxError(error.message, error.element) : error;
    }
  }

  end(_sink: RowSink): void {
    try {
      this.splitter.end();
    } catch (error) {
      throw error instanceof JsonSyntaxError ? new FileSyntaxError(error.message, error.element) : error;
    }
  }
}

class NdjsonRows {
  private readonly splitter = new NdjsonSplitter();
  private row = 0;

  write(text: string, sink: RowSink): void {
    try {
      this.splitter.write(text, (value) => sink(objectRow(value, ++this.row)));
    } catch (error) {
      throw error instanceof NdjsonSyntaxError ? new FileSyntaxError(error.message, this.row + 1) : error;
    }
  }

  end(sink: RowSink): void {
    try {
      this.splitter.end((value) => sink(objectRow(value, ++this.row)));
    } catch (error) {
      throw error instanceof NdjsonSyntaxError ? new FileSyntaxError(error.message, this.row + 1) : error;
    }
  }
}

/** `.csv`, `.json`, `.ndjson` / `.jsonl` by file name (then by media type); null when unsupported. */
export function detectFormat(
  filename: string | undefined,
  mimetype: string | undefined,
): UploadFormat | null {
  const lower = (filename ?? '').toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  if (/\.[a-z0-9]+$/.test(lower)) return null;
  const type = (mimetype ?? '').toLowerCase().split(';')[0].trim();
  if (type === 'text/csv') return 'csv';
  if (type === 'application/json') return 'json';
  if (type === 'application/x-ndjson' || type === 'application/jsonl' || type === 'application/ndjson')
    return 'ndjson';
  return null;
}
