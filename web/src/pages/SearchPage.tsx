import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, api, describeError, unwrap, type Schemas } from '../api/client';
import { copyText } from '../clipboard';
import { DataTable } from '../components/DataTable';
import { EmptyState } from '../components/EmptyState';
import { Field } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { Loading } from '../components/QueryState';
import { formatCount } from '../format';
import { useCollections, useSchemas } from '../queries';
import { Link, useSearchParams } from '../router';

type SchemaField = Schemas['SchemaFieldDto'];
type SearchBody = Schemas['SearchDto'];
type FilterValue = NonNullable<SearchBody['filters']>[string];
type Result = Schemas['SearchResultDto'];

/** Filter inputs as typed: `eq` for equality, `gte`/`lte` for ranges. */
type FilterInput = { eq?: string; gte?: string; lte?: string };

const isRange = (type: SchemaField['type']) => type === 'number' || type === 'integer' || type === 'date';

function toFilters(fields: SchemaField[], inputs: Record<string, FilterInput>): Record<string, FilterValue> {
  const filters: Record<string, FilterValue> = {};
  for (const field of fields) {
    const input = inputs[field.name];
    if (!input) continue;
    const value = (text: string): string | number =>
      field.type === 'number' || field.type === 'integer' ? Number(text) : text;
    if (isRange(field.type)) {
      const range: { gte?: string | number; lte?: string | number } = {};
      if (input.gte) range.gte = value(input.gte);
      if (input.lte) range.lte = value(input.lte);
      if (range.gte !== undefined || range.lte !== undefined) filters[field.name] = range;
    } else if (field.type === 'boolean') {
      if (input.eq === 'true' || input.eq === 'false') filters[field.name] = input.eq === 'true';
    } else if (input.eq) {
      filters[field.name] = input.eq;
    }
  }
  return filters;
}

/** Filterable fields of the chosen record type, or of every type (first definition of a name wins). */
function filterableFields(
  schemas: Schemas['CollectionSchemasDto'] | undefined,
  recordType: string,
): SchemaField[] {
  const byName = new Map<string, SchemaField>();
  for (const rt of schemas?.record_types ?? []) {
    if (recordType && rt.record_type !== recordType) continue;
    for (const f of rt.fields) if (f.filterable && !byName.has(f.name)) byName.set(f.name, f);
  }
  return [...byName.values()];
}

export function curlForSearch(collection: string, body: SearchBody): string {
  const json = JSON.stringify(body).replace(/'/g, `'\\''`);
  return `curl ${window.location.origin}/api/v1/search/${encodeURIComponent(collection)} \\\n  -H "Authorization: Bearer $CISTERN_API_KEY" \\\n  -H "Content-Type: application/json" \\\n  -d '${json}'`;
}

export function SearchPage() {
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const collections = useCollections();
  const collectionList = collections.data?.collections ?? [];
  const collection = params.get('collection') ?? collectionList[0]?.name ?? '';
  const schemas = useSchemas(collection || undefined);
  const [recordType, setRecordType] = useState('');
  const [query, setQuery] = useState('');
  const [fuzzy, setFuzzy] = useState(true);
  const [limit, setLimit] = useState('10');
  const [filterInputs, setFilterInputs] = useState<Record<string, FilterInput>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [answer, setAnswer] = useState<Schemas['SearchResponseDto'] | null>(null);
  const [copied, setCopied] = useState(false);

  const fields = filterableFields(schemas.data, recordType);
  const types = collectionList.find((c) => c.name === collection)?.record_types ?? [];
  const setFilter = (name: string, change: FilterInput) =>
    setFilterInputs((now) => ({ ...now, [name]: { ...now[name], ...change } }));

  const body = (): SearchBody => {
    const filters = toFilters(fields, filterInputs);
    return {
      query: query.trim(),
      limit: Number(limit) || 10,
      fuzzy,
      ...(recordType ? { record_type: recordType } : {}),
      ...(Object.keys(filters).length > 0 ? { filters } : {}),
    };
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await unwrap(
        api.POST('/api/v1/portal/search/{collection}', { params: { path: { collection } }, body: body() }),
      );
      setAnswer(result);
      void queryClient.invalidateQueries({ queryKey: ['quickstart'] });
      void queryClient.invalidateQueries({ queryKey: ['usage'] });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (collections.isPending) return <Loading />;
  if (collectionList.length === 0) {
    return (
      <>
        <PageHeader title="Search" />
        <EmptyState
          title="Nothing to search yet"
          action={
            <Link className="button button-primary" to="/app/upload">
              Upload data
            </Link>
          }
        >
          Upload records into a collection first.
        </EmptyState>
      </>
    );
  }
  const fieldErrors = error instanceof ApiError ? error.fieldErrors() : {};

  return (
    <>
      <PageHeader
        title="Search"
        description="Try searches as your application will run them: full-text ranking, typo tolerance and filters on the schema's filterable fields."
      />
      <section className="card">
        <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
          <div className="search-row">
            <label className="field">
              <span className="field-label">Collection</span>
              <select
                value={collection}
                onChange={(e) => {
                  setParams({ collection: e.target.value });
                  setRecordType('');
                  setFilterInputs({});
                  setAnswer(null);
                }}
              >
                {collectionList.map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field-label">Record type</span>
              <select
                value={recordType}
                onChange={(e) => {
                  setRecordType(e.target.value);
                  setFilterInputs({});
                }}
              >
                <option value="">All types</option>
                {types.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </label>
            <Field
              label="Query"
              type="search"
              className="grow"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              placeholder="ball bearing"
              maxLength={500}
              error={fieldErrors.query}
            />
          </div>
          {fields.length > 0 && (
            <fieldset className="fieldset">
              <legend className="field-label">Filters</legend>
              <div className="filter-grid">
                {fields.map((f) =>
                  isRange(f.type) ? (
                    <div key={f.name} className="filter-range">
                      <Field
                        label={`${f.name} from`}
                        type={f.type === 'date' ? 'date' : 'number'}
                        value={filterInputs[f.name]?.gte ?? ''}
                        onChange={(e) => setFilter(f.name, { gte: e.target.value })}
                      />
                      <Field
                        label={`${f.name} to`}
                        type={f.type === 'date' ? 'date' : 'number'}
                        value={filterInputs[f.name]?.lte ?? ''}
                        onChange={(e) => setFilter(f.name, { lte: e.target.value })}
                      />
                    </div>
                  ) : f.type === 'boolean' ? (
                    <label key={f.name} className="field">
                      <span className="field-label">{f.name}</span>
                      <select
                        value={filterInputs[f.name]?.eq ?? ''}
                        onChange={(e) => setFilter(f.name, { eq: e.target.value })}
                      >
                        <option value="">Any</option>
                        <option value="true">true</option>
                        <option value="false">false</option>
                      </select>
                    </label>
                  ) : (
                    <Field
                      key={f.name}
                      label={f.type === 'string[]' ? `${f.name} contains` : f.name}
                      value={filterInputs[f.name]?.eq ?? ''}
                      onChange={(e) => setFilter(f.name, { eq: e.target.value })}
                    />
                  ),
                )}
              </div>
            </fieldset>
          )}
          <div className="row-between">
            <div className="row">
              <label className="check-inline">
                <input type="checkbox" checked={fuzzy} onChange={(e) => setFuzzy(e.target.checked)} />
                Fuzzy (typo tolerant)
              </label>
              <label className="inline-field">
                <span>Limit</span>
                <input
                  type="number"
                  min={1}
                  max={100}
                  value={limit}
                  onChange={(e) => setLimit(e.target.value)}
                  className="input-narrow"
                />
              </label>
            </div>
            <div className="row">
              <button
                type="button"
                className="button"
                disabled={!query.trim()}
                onClick={() =>
                  void copyText(curlForSearch(collection, body())).then((ok) => {
                    setCopied(ok);
                    if (ok) setTimeout(() => setCopied(false), 2000);
                  })
                }
              >
                {copied ? 'Copied' : 'Copy as curl'}
              </button>
              <button type="submit" className="button button-primary" disabled={busy || !query.trim()}>
                {busy ? 'Searching…' : 'Search'}
              </button>
            </div>
          </div>
          {error !== null && (
            <p className="form-error" role="alert">
              {describeError(error)}
            </p>
          )}
        </form>
      </section>
      {answer && (
        <section className="card card-flush" aria-labelledby="results-title">
          <div className="card-header card-header-padded">
            <h2 id="results-title">Results</h2>
            <span className="muted" role="status">
              {answer.total_relation === 'gte' ? 'at least ' : ''}
              {formatCount(answer.total)} {answer.total === 1 ? 'match' : 'matches'} in {answer.took_ms} ms
            </span>
          </div>
          <DataTable<Result>
            label="Search results"
            rows={answer.results}
            rowKey={(r) => r.id}
            columns={[
              { header: 'Score', className: 'cell-number', cell: (r) => r.score.toFixed(3) },
              { header: 'Name', cell: (r) => <span className="strong">{r.name}</span> },
              { header: 'Description', className: 'cell-wrap', cell: (r) => r.description ?? '' },
              { header: 'Type', cell: (r) => r.record_type },
              {
                header: 'Data',
                className: 'cell-data',
                cell: (r) => <code className="data-text">{JSON.stringify(r.collection_data)}</code>,
              },
            ]}
            empty={
              <EmptyState title="No matches">
                Try other words, fewer filters, or turn fuzzy matching on.
              </EmptyState>
            }
          />
        </section>
      )}
    </>
  );
}
