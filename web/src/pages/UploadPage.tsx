import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { api, describeError, unwrap, type Schemas } from '../api/client';
import { uploadModeValues } from '../api/schema';
import { Badge } from '../components/Badge';
import { DataTable } from '../components/DataTable';
import { EmptyState } from '../components/EmptyState';
import { ErrorMessage, forbidden } from '../components/ErrorMessage';
import { Field } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { QueryState } from '../components/QueryState';
import { formatCount, formatDateTime } from '../format';
import { useCollections, useUsage } from '../queries';
import { useSearchParams } from '../router';
import { atLeast, useRole } from '../roles';
import { sendUpload } from '../upload';
import { NAME_PATTERN } from './NewSchemaPage';

type Mode = Schemas['UploadMode'];
type Upload = Schemas['UploadDto'];

const MAX_BYTES = 50 * 1024 * 1024;
const MODE_HELP: Record<Mode, string> = {
  append: 'Add every row as a new record.',
  upsert: 'Update the record with the same external_id; add the others.',
  replace:
    'Swap in these rows for all records of the type, once every row is in (nothing changes if it fails).',
};

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** The server's own progress of one upload, polled until it is completed or failed. */
function UploadProgress({ id }: { id: string }) {
  const queryClient = useQueryClient();
  const upload = useQuery({
    queryKey: ['upload', id],
    queryFn: () => unwrap(api.GET('/api/v1/portal/uploads/{id}', { params: { path: { id } } })),
    refetchInterval: (query) =>
      query.state.data && (query.state.data.status === 'completed' || query.state.data.status === 'failed')
        ? false
        : 700,
  });
  const finished = upload.data?.status === 'completed' || upload.data?.status === 'failed';
  useEffect(() => {
    if (!finished) return;
    for (const key of [['collections'], ['uploads'], ['quickstart'], ['records'], ['usage']])
      void queryClient.invalidateQueries({ queryKey: key });
  }, [finished, queryClient]);

  return (
    <QueryState query={upload} label="Waiting for the server…">
      {(u) => {
        const processed = u.rows_indexed + u.rows_failed;
        return (
          <div className="stack" aria-live="polite">
            <div className="row-between">
              <span>
                Server progress <Badge>{u.status}</Badge>
              </span>
              <span className="muted">
                {formatCount(processed)} of {formatCount(u.rows_total)} rows
              </span>
            </div>
            <progress
              max={Math.max(u.rows_total, 1)}
              value={u.status === 'completed' ? Math.max(u.rows_total, 1) : processed}
              aria-label="Rows processed"
            />
            {u.status === 'completed' && (
              <div className="callout callout-success" role="status">
                <strong>Upload completed</strong>
                <p>
                  {formatCount(u.rows_indexed)} rows indexed, {formatCount(u.rows_failed)} failed, of{' '}
                  {formatCount(u.rows_total)}.
                </p>
              </div>
            )}
            {u.status === 'failed' && (
              <div className="callout callout-danger" role="alert">
                <strong>Upload failed</strong>
                <p>{u.errors[0]?.message ?? 'The file could not be processed; nothing was changed.'}</p>
              </div>
            )}
            {u.errors.length > 0 && (
              <div>
                <h3 className="subheading">Row errors{u.errors.length >= 100 ? ' (first 100)' : ''}</h3>
                <DataTable
                  label="Row errors"
                  rows={u.errors}
                  rowKey={(e) => `${e.row}:${e.message}`}
                  columns={[
                    { header: 'Row', className: 'cell-number', cell: (e) => e.row },
                    { header: 'Error', className: 'cell-wrap', cell: (e) => e.message },
                  ]}
                />
              </div>
            )}
          </div>
        );
      }}
    </QueryState>
  );
}

export function UploadPage() {
  const role = useRole();
  const [params, setParams] = useSearchParams();
  const collections = useCollections();
  const usage = useUsage();
  const [collection, setCollection] = useState(params.get('collection') ?? '');
  const [recordType, setRecordType] = useState(params.get('record_type') ?? '');
  const [mode, setMode] = useState<Mode>('append');
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [sent, setSent] = useState<{ loaded: number; total: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const abortRef = useRef<(() => void) | null>(null);
  const uploadId = params.get('upload');
  const uploads = useQuery({
    queryKey: ['uploads'],
    queryFn: () => unwrap(api.GET('/api/v1/portal/uploads', { params: { query: { limit: 10 } } })),
  });

  useEffect(() => () => abortRef.current?.(), []);

  if (role !== undefined && !atLeast(role, 'developer')) {
    return (
      <>
        <PageHeader title="Upload" />
        <ErrorMessage
          error={forbidden('Viewers can read uploads but not send them.')}
          title="Viewers cannot upload data"
        />
      </>
    );
  }

  const known = collections.data?.collections ?? [];
  const types = known.find((c) => c.name === collection)?.record_types ?? [];
  const sending = sent !== null && uploadId === null && error === null;
  const tooBig = file !== null && file.size > MAX_BYTES;
  const namesValid = NAME_PATTERN.test(collection) && NAME_PATTERN.test(recordType);

  const pick = (files: FileList | null) => {
    setError(null);
    setFile(files?.[0] ?? null);
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    pick(event.dataTransfer.files);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setError(null);
    setParams({ upload: null });
    setSent({ loaded: 0, total: file.size });
    const { done, abort } = sendUpload(collection, recordType, file, mode, (loaded, total) =>
      setSent({ loaded, total }),
    );
    abortRef.current = abort;
    try {
      const accepted = await done;
      setParams({ upload: accepted.upload_id });
    } catch (e) {
      setError(e);
      setSent(null);
    } finally {
      abortRef.current = null;
    }
  };

  return (
    <>
      <PageHeader
        title="Upload"
        description="Load records from a CSV, JSON (an array of objects) or NDJSON file. Rows are validated against the record type's schema and indexed in the background."
      />
      <div className="columns">
        <section className="card" aria-labelledby="upload-form-title">
          <h2 id="upload-form-title" className="visually-hidden">
            Upload a file
          </h2>
          <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
            <div className="grid-2">
              <Field
                label="Collection"
                list="collection-names"
                value={collection}
                onChange={(e) => setCollection(e.target.value)}
                placeholder="products"
                spellCheck={false}
                hint="An existing collection, or a new one."
              />
              <Field
                label="Record type"
                list="record-type-names"
                value={recordType}
                onChange={(e) => setRecordType(e.target.value)}
                placeholder="part"
                spellCheck={false}
              />
              <datalist id="collection-names">
                {known.map((c) => (
                  <option key={c.name} value={c.name} />
                ))}
              </datalist>
              <datalist id="record-type-names">
                {types.map((t) => (
                  <option key={t} value={t} />
                ))}
              </datalist>
            </div>
            <label className="field">
              <span className="field-label">Mode</span>
              <select value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
                {uploadModeValues.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
              <span className="field-hint">{MODE_HELP[mode]}</span>
            </label>
            <div
              className={dragging ? 'dropzone dropzone-active' : 'dropzone'}
              onDragOver={(e) => {
                e.preventDefault();
                setDragging(true);
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={drop}
            >
              <svg viewBox="0 0 24 24" className="dropzone-icon" aria-hidden="true">
                <path d="M12 16V4m0 0l-5 5m5-5l5 5M4 20h16" />
              </svg>
              <p>
                Drop a file here, or{' '}
                <label className="link-like">
                  choose a file
                  <input
                    className="visually-hidden"
                    type="file"
                    aria-label="File"
                    accept=".csv,.json,.ndjson,.jsonl,text/csv,application/json"
                    onChange={(e) => pick(e.target.files)}
                  />
                </label>
              </p>
              {file ? (
                <p className="strong">
                  {file.name} · {formatBytes(file.size)}
                </p>
              ) : (
                <p className="muted">.csv, .json, .ndjson or .jsonl, up to 50 MB</p>
              )}
              {tooBig && <p className="field-error">This file is larger than 50 MB.</p>}
            </div>
            {sent && (
              <div className="stack-tight">
                <div className="row-between">
                  <span>Sending</span>
                  <span className="muted">
                    {formatBytes(sent.loaded)} of {formatBytes(sent.total)}
                  </span>
                </div>
                <progress max={Math.max(sent.total, 1)} value={sent.loaded} aria-label="Bytes sent" />
              </div>
            )}
            {error !== null && (
              <p className="form-error" role="alert">
                {describeError(error)}
              </p>
            )}
            <div className="row">
              <button
                type="submit"
                className="button button-primary"
                disabled={!file || tooBig || !namesValid || sending}
              >
                {sending ? 'Uploading…' : 'Upload'}
              </button>
              {sending && (
                <button type="button" className="button" onClick={() => abortRef.current?.()}>
                  Cancel
                </button>
              )}
            </div>
          </form>
          {uploadId && (
            <div className="upload-result">
              <UploadProgress key={uploadId} id={uploadId} />
            </div>
          )}
        </section>
        <aside className="card card-aside" aria-labelledby="limits-title">
          <h2 id="limits-title">Limits of your plan</h2>
          {usage.data && collections.data ? (
            <dl className="details details-stacked">
              <div>
                <dt>Plan</dt>
                <dd>{usage.data.plan}</dd>
              </div>
              <div>
                <dt>Records</dt>
                <dd>
                  {collections.data.record_limit === null
                    ? `${formatCount(collections.data.total_records)} stored, no cap`
                    : `${formatCount(collections.data.total_records)} of ${formatCount(collections.data.record_limit)} stored; rows over the cap fail`}
                </dd>
              </div>
              <div>
                <dt>Collections</dt>
                <dd>
                  {usage.data.rate_limit.max_collections < 0
                    ? `${known.length}, no limit`
                    : `${known.length} of ${usage.data.rate_limit.max_collections}`}
                </dd>
              </div>
              <div>
                <dt>File size</dt>
                <dd>Up to 50 MB per file</dd>
              </div>
            </dl>
          ) : (
            <p className="muted">Loading…</p>
          )}
          <p className="field-hint">
            CSV columns <code>name</code>, <code>description</code>, <code>external_id</code> and{' '}
            <code>visibility</code> fill the record; the other columns go into its data, typed by the schema.
            Rows without a name are skipped.
          </p>
        </aside>
      </div>
      <section className="card card-flush" aria-labelledby="recent-title">
        <div className="card-header card-header-padded">
          <h2 id="recent-title">Recent uploads</h2>
        </div>
        <QueryState query={uploads}>
          {(data) => (
            <DataTable<Upload>
              label="Recent uploads"
              rows={data.uploads}
              rowKey={(u) => u.id}
              onRowClick={(u) => setParams({ upload: u.id })}
              columns={[
                { header: 'Started', cell: (u) => formatDateTime(u.created_at) },
                { header: 'Into', cell: (u) => `${u.collection} / ${u.record_type}` },
                { header: 'Mode', cell: (u) => u.mode },
                { header: 'Status', cell: (u) => <Badge>{u.status}</Badge> },
                { header: 'Indexed', className: 'cell-number', cell: (u) => formatCount(u.rows_indexed) },
                { header: 'Failed', className: 'cell-number', cell: (u) => formatCount(u.rows_failed) },
                {
                  header: 'Details',
                  hiddenHeader: true,
                  className: 'cell-actions',
                  cell: (u) => (
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Show upload into ${u.collection} / ${u.record_type} of ${formatDateTime(u.created_at)}`}
                      onClick={(event) => {
                        event.stopPropagation();
                        setParams({ upload: u.id });
                      }}
                    >
                      Show
                    </button>
                  ),
                },
              ]}
              empty={<EmptyState title="No uploads yet">Uploads into any collection appear here.</EmptyState>}
            />
          )}
        </QueryState>
      </section>
    </>
  );
}
