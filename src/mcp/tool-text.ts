import type { CollectionListDto } from '../collections/dto/collections.dto.js';
import type { RecordDto } from '../collections/dto/record.dto.js';
import type { CollectionSchemasDto } from '../collections/dto/schema.dto.js';
import type {
  OpenSearchResponseDto,
  SearchResponseDto,
  SearchResultDto,
} from '../collections/dto/search.dto.js';
import type { UploadDto } from '../collections/dto/upload.dto.js';

/**
 * The short text an agent reads beside each tool's structured answer (MCP clients that ignore
 * `structuredContent` show only this). Whole answers stay in the structured content; these name
 * what matters and how to go on.
 */

/** Longest description quoted per search result. */
const SNIPPET = 160;

function snippet(text: string | null): string {
  if (!text) return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > SNIPPET ? ` — ${flat.slice(0, SNIPPET - 1)}…` : ` — ${flat}`;
}

function resultLine(index: number, result: SearchResultDto, extra = ''): string {
  return `${index}. ${result.name}${extra} [${result.record_type}, id ${result.id}, score ${result.score}]${snippet(result.description)}`;
}

export function collectionsText(answer: CollectionListDto): string {
  if (answer.collections.length === 0) return 'No collections yet.';
  const lines = answer.collections.map(
    (c) =>
      `- ${c.name}: ${c.total_records} records (${c.indexed} indexed` +
      `${c.pending + c.processing > 0 ? `, ${c.pending + c.processing} being processed` : ''}` +
      `${c.failed > 0 ? `, ${c.failed} failed` : ''}); record types: ${c.record_types.join(', ') || 'none'}`,
  );
  return `${answer.collections.length} collection(s):\n${lines.join('\n')}`;
}

export function schemasText(answer: CollectionSchemasDto): string {
  if (answer.record_types.length === 0) return `Collection ${answer.collection} has no schema yet.`;
  const types = answer.record_types.map((type) => {
    const fields = type.fields.map((f) => {
      const traits = [f.required && 'required', f.searchable && 'searchable', f.filterable && 'filterable']
        .filter(Boolean)
        .join(', ');
      return `  - ${f.name}: ${f.type}${traits ? ` (${traits})` : ''}`;
    });
    return `${type.record_type}:\n${fields.join('\n') || '  (no fields)'}`;
  });
  return `Collection ${answer.collection}, record types:\n${types.join('\n')}`;
}

/** `offset`: of the page shown, to say how to ask for the next one. */
export function searchText(answer: SearchResponseDto, offset: number): string {
  // A total counted only up to a bound is a lower bound (rules §5 totals: `total_relation: "gte"`).
  const atLeast = answer.total_relation === 'gte' ? 'at least ' : '';
  const head = `${atLeast}${answer.total} match(es) for "${answer.query}" in ${answer.collection}`;
  if (answer.results.length === 0) return `${head}${offset > 0 ? ` (none at offset ${offset})` : ''}.`;
  const lines = answer.results.map((r, i) => resultLine(offset + i + 1, r));
  const next = offset + answer.results.length;
  const more = next < answer.total ? `\nMore: search again with offset ${next}.` : '';
  return `${head}:\n${lines.join('\n')}${more}`;
}

export function openSearchText(answer: OpenSearchResponseDto, query: string): string {
  if (answer.results.length === 0) return `No public records match "${query}".`;
  const lines = answer.results.map((r, i) =>
    resultLine(i + 1, r, ` in ${r.collection} by ${r.provider.name}`),
  );
  const atLeast = answer.total_relation === 'gte' ? 'at least ' : '';
  return `${atLeast}${answer.total} public match(es) for "${query}":\n${lines.join('\n')}`;
}

export function recordText(record: RecordDto): string {
  const data = JSON.stringify(record.collection_data);
  return (
    `${record.name} [${record.collection}/${record.record_type}, id ${record.id}, ${record.visibility}, ${record.indexing_status}]` +
    `${record.external_id ? ` external_id ${record.external_id}` : ''}${snippet(record.description)}\n` +
    `collection_data: ${data.length > 2000 ? `${data.slice(0, 1999)}…` : data}` +
    `${record.indexing_error ? `\nindexing_error: ${record.indexing_error}` : ''}`
  );
}

export function uploadText(upload: UploadDto): string {
  const head =
    `Upload ${upload.id} (${upload.mode}) into ${upload.collection}/${upload.record_type}: ${upload.status}, ` +
    `${upload.rows_indexed} of ${upload.rows_total} indexed, ${upload.rows_failed} failed.`;
  const errors = upload.errors.slice(0, 10).map((e) => `- row ${e.row}: ${e.message}`);
  const pending =
    upload.status === 'pending' || upload.status === 'processing'
      ? '\nStill processing: the records appear in search once indexed.'
      : '';
  return `${head}${errors.length ? `\n${errors.join('\n')}` : ''}${pending}`;
}
