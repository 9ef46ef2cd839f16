import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, describeError, toApiError, unwrap, type Schemas } from '../api/client';
import { Badge } from '../components/Badge';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DataTable } from '../components/DataTable';
import { EmptyState } from '../components/EmptyState';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageHeader } from '../components/PageHeader';
import { Pager } from '../components/Pager';
import { Loading, QueryState } from '../components/QueryState';
import { RecordDialog } from '../components/RecordDialog';
import { SchemaEditor } from '../components/SchemaEditor';
import { formatCount, formatDateTime, formatRelative } from '../format';
import { useCollections, useSchemas } from '../queries';
import { Link, navigate, useSearchParams } from '../router';
import { atLeast, useRole } from '../roles';

type RecordRow = Schemas['RecordDto'];
const PAGE = 20;

/** `collection_data` as text only: never HTML. */
function dataText(data: RecordRow['collection_data']): string {
  const text = JSON.stringify(data);
  return text === '{}' ? '' : text;
}

async function exportCollection(name: string): Promise<void> {
  const { data, error, response } = await api.GET('/api/v1/portal/export/{collection}', {
    params: { path: { collection: name } },
    parseAs: 'blob',
  });
  if (!response.ok || !(data instanceof Blob)) throw toApiError(response.status, error);
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${name}.ndjson`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function CollectionPage({ name }: { name: string }) {
  const role = useRole();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const collections = useCollections();
  const schemas = useSchemas(name);
  const summary = collections.data?.collections.find((c) => c.name === name);
  const recordTypes = summary?.record_types ?? [];
  const tab = params.get('type') ?? schemas.data?.record_types[0]?.record_type ?? recordTypes[0] ?? '';
  const page = Math.max(0, Number(params.get('page') ?? '0') || 0);
  const records = useQuery({
    queryKey: ['records', name, tab, page],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/portal/records', {
          params: {
            query: {
              collection: name,
              limit: PAGE,
              offset: page * PAGE,
              ...(tab ? { record_type: tab } : {}),
            },
          },
        }),
      ),
    enabled: Boolean(summary),
    refetchInterval: summary && summary.pending + summary.processing > 0 ? 2000 : false,
  });
  const [deleting, setDeleting] = useState(false);
  const [notice, setNotice] = useState<{ error?: string; info?: string } | null>(null);
  const [removing, setRemoving] = useState<RecordRow | null>(null);
  const [editing, setEditing] = useState<RecordRow | 'new' | null>(null);
  const canWrite = atLeast(role, 'developer');
  const isAdmin = atLeast(role, 'admin');

  const reindex = async () => {
    try {
      const accepted = await unwrap(
        api.POST('/api/v1/portal/reindex/{collection}', { params: { path: { collection: name } } }),
      );
      setNotice({ info: `Reindexing ${formatCount(accepted.records)} records in the background.` });
      void queryClient.invalidateQueries({ queryKey: ['collections'] });
    } catch (e) {
      setNotice({ error: describeError(e) });
    }
  };

  if (collections.isPending) return <Loading />;
  if (collections.error) return <ErrorMessage error={collections.error} />;
  if (!summary) {
    return (
      <EmptyState
        title={`No collection named “${name}”`}
        action={
          <Link className="button" to="/app/collections">
            All collections
          </Link>
        }
      >
        It may have been deleted.
      </EmptyState>
    );
  }
  const schema = schemas.data?.record_types.find((r) => r.record_type === tab);

  return (
    <>
      <Link to="/app/collections" className="back-link">
        ← Collections
      </Link>
      <PageHeader
        title={name}
        description={
          summary.has_pending_replace ? (
            <Badge tone="info">replace in progress</Badge>
          ) : (
            `${formatCount(summary.total_records)} records`
          )
        }
        actions={
          isAdmin && (
            <>
              <button type="button" className="button" onClick={() => void reindex()}>
                Reindex
              </button>
              <button
                type="button"
                className="button"
                onClick={() =>
                  void exportCollection(name).catch((e: unknown) => setNotice({ error: describeError(e) }))
                }
              >
                Export
              </button>
              <button type="button" className="button button-danger-ghost" onClick={() => setDeleting(true)}>
                Delete collection
              </button>
            </>
          )
        }
      />
      {notice?.error && <ErrorMessage error={new Error(notice.error)} />}
      {notice?.info && (
        <div className="callout callout-info" role="status">
          <p>{notice.info}</p>
        </div>
      )}
      <div className="stat-grid">
        {(
          [
            ['Indexed', summary.indexed, 'success'],
            ['Pending', summary.pending, 'warning'],
            ['Processing', summary.processing, 'info'],
            ['Failed', summary.failed, 'danger'],
          ] as const
        ).map(([label, value, tone]) => (
          <div key={label} className={`stat stat-${tone}`}>
            <span className="stat-label">{label}</span>
            <span className="stat-value">{formatCount(value)}</span>
          </div>
        ))}
      </div>
      <section className="card" aria-labelledby="schema-title">
        <div className="card-header">
          <h2 id="schema-title">Schema</h2>
          {canWrite && (
            <Link
              to={`/app/collections/new?collection=${encodeURIComponent(name)}`}
              className="button button-small"
            >
              Add record type
            </Link>
          )}
        </div>
        {recordTypes.length > 1 && (
          <div className="tabs" role="tablist" aria-label="Record types">
            {recordTypes.map((t) => (
              <button
                key={t}
                type="button"
                role="tab"
                aria-selected={t === tab}
                onClick={() => setParams({ type: t, page: null })}
              >
                {t}
              </button>
            ))}
          </div>
        )}
        {schemas.isPending ? (
          <Loading />
        ) : schemas.error ? (
          <ErrorMessage error={schemas.error} />
        ) : tab ? (
          <SchemaEditor
            key={`${tab}:${schema?.updated_at ?? 'none'}`}
            initial={schema?.fields ?? []}
            readOnly={!canWrite}
            saveLabel="Save schema"
            onSave={async (fields) => {
              await unwrap(
                api.PUT('/api/v1/portal/schemas/{collection}/{record_type}', {
                  params: { path: { collection: name, record_type: tab } },
                  body: { fields },
                }),
              );
              void queryClient.invalidateQueries({ queryKey: ['schemas', name] });
              void queryClient.invalidateQueries({ queryKey: ['collections'] });
              void queryClient.invalidateQueries({ queryKey: ['records', name] });
            }}
          />
        ) : (
          <p className="muted">This collection has no record type yet.</p>
        )}
      </section>
      <section className="card card-flush" aria-labelledby="records-title">
        <div className="card-header card-header-padded">
          <h2 id="records-title">Records{tab ? ` of type ${tab}` : ''}</h2>
          <span className="row">
            {records.data && (
              <span className="muted">
                {records.data.total === 0
                  ? 'none'
                  : `${page * PAGE + 1}–${Math.min((page + 1) * PAGE, records.data.total)} of ${formatCount(records.data.total)}`}
              </span>
            )}
            {canWrite && tab && (
              <button type="button" className="button button-small" onClick={() => setEditing('new')}>
                Add record
              </button>
            )}
          </span>
        </div>
        <QueryState query={records}>
          {(data) => (
            <>
              <DataTable<RecordRow>
                label="Records"
                rows={data.items}
                rowKey={(r) => r.id}
                columns={[
                  {
                    header: 'Name',
                    className: 'cell-wrap cell-name',
                    cell: (r) => (
                      <span className="stack-tight">
                        <span className="strong">{r.name}</span>
                        {r.external_id && (
                          <code className="mono muted" title="External id">
                            {r.external_id}
                          </code>
                        )}
                      </span>
                    ),
                  },
                  {
                    header: 'Status',
                    className: 'cell-wrap cell-status',
                    cell: (r) => (
                      <span className="status-line">
                        <Badge>{r.indexing_status}</Badge>
                        {r.indexing_error && <span className="error-text">{r.indexing_error}</span>}
                      </span>
                    ),
                  },
                  { header: 'Visibility', cell: (r) => r.visibility },
                  {
                    header: 'Data',
                    className: 'cell-data',
                    cell: (r) => (
                      <code className="data-text" title={dataText(r.collection_data)}>
                        {dataText(r.collection_data)}
                      </code>
                    ),
                  },
                  {
                    header: 'Updated',
                    cell: (r) => (
                      <time dateTime={r.updated_at} title={formatDateTime(r.updated_at)}>
                        {formatRelative(r.updated_at)}
                      </time>
                    ),
                  },
                  ...(canWrite
                    ? [
                        {
                          header: 'Actions',
                          hiddenHeader: true,
                          className: 'cell-actions',
                          cell: (r: RecordRow) => (
                            <span className="row-actions">
                              <button
                                type="button"
                                className="button button-small"
                                aria-label={`Edit ${r.name}`}
                                onClick={() => setEditing(r)}
                              >
                                Edit
                              </button>
                              <button
                                type="button"
                                className="button button-small button-danger-ghost"
                                aria-label={`Delete ${r.name}`}
                                onClick={() => setRemoving(r)}
                              >
                                Delete
                              </button>
                            </span>
                          ),
                        },
                      ]
                    : []),
                ]}
                empty={
                  <EmptyState
                    title="No records yet"
                    action={
                      canWrite && (
                        <Link
                          className="button"
                          to={`/app/upload?collection=${encodeURIComponent(name)}${tab ? `&record_type=${encodeURIComponent(tab)}` : ''}`}
                        >
                          Upload a file
                        </Link>
                      )
                    }
                  >
                    Upload a CSV, JSON or NDJSON file to add records.
                  </EmptyState>
                }
              />
              <Pager
                page={page}
                pageSize={PAGE}
                total={data.total}
                onPage={(p) => setParams({ page: p > 0 ? String(p) : null })}
              />
            </>
          )}
        </QueryState>
      </section>
      {editing && (
        <RecordDialog
          collection={name}
          recordType={tab}
          record={editing === 'new' ? undefined : editing}
          fields={
            schemas.data?.record_types.find(
              (r) => r.record_type === (editing === 'new' ? tab : editing.record_type),
            )?.fields ?? []
          }
          onClose={() => setEditing(null)}
        />
      )}
      {removing && (
        <ConfirmDialog
          title={`Delete “${removing.name}”?`}
          confirmLabel="Delete record"
          danger
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            await unwrap(
              api.DELETE('/api/v1/portal/records/{collection}/{id}', {
                params: { path: { collection: name, id: removing.id } },
              }),
            );
            void queryClient.invalidateQueries({ queryKey: ['records', name] });
            void queryClient.invalidateQueries({ queryKey: ['collections'] });
          }}
        >
          <p>The record leaves search at once. This cannot be undone.</p>
        </ConfirmDialog>
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete “${name}”?`}
          confirmLabel="Delete collection"
          danger
          typeToConfirm={name}
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            await unwrap(api.DELETE('/api/v1/portal/collections/{name}', { params: { path: { name } } }));
            await queryClient.invalidateQueries({ queryKey: ['collections'] });
            navigate('/app/collections');
          }}
        >
          <p>
            All {formatCount(summary.total_records)} records, the schemas and the upload history of{' '}
            <strong>{name}</strong> are deleted. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
