import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap, type Schemas } from '../api/client';
import { auditActionValues } from '../api/schema';
import { DataTable } from '../components/DataTable';
import { Dialog } from '../components/Dialog';
import { EmptyState } from '../components/EmptyState';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageHeader } from '../components/PageHeader';
import { Loading } from '../components/QueryState';
import { formatDateTime } from '../format';
import { useSearchParams } from '../router';

type AuditEvent = Schemas['AuditEventDto'];
const PAGE = 25;
const FILTERS = ['action', 'actor_id', 'target_id', 'since', 'until'] as const;

/** A datetime-local value (the person's time) as an ISO instant, and back. */
const toIso = (local: string) => (local ? new Date(local).toISOString() : '');
const toLocal = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? ''
    : new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const short = (id: string | null) => (id ? (id.length > 13 ? `${id.slice(0, 8)}…` : id) : '—');

function AuditDetail({ event, onClose }: { event: AuditEvent; onClose: () => void }) {
  return (
    <Dialog title={event.action} onClose={onClose} wide>
      <dl className="details">
        <div>
          <dt>When</dt>
          <dd>
            {formatDateTime(event.occurred_at)} <span className="muted">({event.occurred_at})</span>
          </dd>
        </div>
        <div>
          <dt>Actor</dt>
          <dd>
            {event.actor.type} <code className="mono">{event.actor.id ?? '—'}</code>
          </dd>
        </div>
        <div>
          <dt>Target</dt>
          <dd>
            {event.target ? (
              <>
                {event.target.type} <code className="mono">{event.target.id ?? '—'}</code>
              </>
            ) : (
              '—'
            )}
          </dd>
        </div>
        <div>
          <dt>IP</dt>
          <dd>{event.ip ?? '—'}</dd>
        </div>
        <div>
          <dt>User agent</dt>
          <dd className="break">{event.user_agent ?? '—'}</dd>
        </div>
        <div>
          <dt>Event id</dt>
          <dd>
            <code className="mono">{event.id}</code>
          </dd>
        </div>
      </dl>
      <h3 className="subheading">Metadata</h3>
      <pre className="code-block">{JSON.stringify(event.metadata ?? {}, null, 2)}</pre>
    </Dialog>
  );
}

export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Record<
    (typeof FILTERS)[number],
    string
  >;
  const action = auditActionValues.find((a) => a === filters.action);
  const [actor, setActor] = useState(filters.actor_id);
  const [target, setTarget] = useState(filters.target_id);
  const [selected, setSelected] = useState<AuditEvent | null>(null);

  const events = useInfiniteQuery({
    queryKey: ['audit', filters],
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/audit', {
          params: {
            query: {
              limit: PAGE,
              ...(action ? { action } : {}),
              ...(filters.actor_id ? { actor_id: filters.actor_id } : {}),
              ...(filters.target_id ? { target_id: filters.target_id } : {}),
              ...(filters.since ? { since: filters.since } : {}),
              ...(filters.until ? { until: filters.until } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const rows = events.data?.pages.flatMap((p) => p.events) ?? [];
  const filtered = FILTERS.some((f) => filters[f]);

  const applyIds = (event: FormEvent) => {
    event.preventDefault();
    setParams({ actor_id: actor.trim(), target_id: target.trim() });
  };

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change in this tenant, newest first. Filters are kept in the address, so a view can be shared."
      />
      <form className="toolbar" onSubmit={applyIds} aria-label="Filters">
        <label className="inline-field">
          <span>Action</span>
          <select value={action ?? ''} onChange={(e) => setParams({ action: e.target.value })}>
            <option value="">All actions</option>
            {auditActionValues.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>Since</span>
          <input
            type="datetime-local"
            value={toLocal(filters.since)}
            onChange={(e) => setParams({ since: toIso(e.target.value) })}
          />
        </label>
        <label className="inline-field">
          <span>Until</span>
          <input
            type="datetime-local"
            value={toLocal(filters.until)}
            onChange={(e) => setParams({ until: toIso(e.target.value) })}
          />
        </label>
        <label className="inline-field">
          <span>Actor id</span>
          <input
            value={actor}
            onChange={(e) => setActor(e.target.value)}
            onBlur={() => setParams({ actor_id: actor.trim() })}
            className="input-id"
            spellCheck={false}
          />
        </label>
        <label className="inline-field">
          <span>Target id</span>
          <input
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            onBlur={() => setParams({ target_id: target.trim() })}
            className="input-id"
            spellCheck={false}
          />
        </label>
        {filtered && (
          <button
            type="button"
            className="button button-small button-ghost"
            onClick={() => {
              setActor('');
              setTarget('');
              setParams(Object.fromEntries(FILTERS.map((f) => [f, null])));
            }}
          >
            Clear filters
          </button>
        )}
      </form>
      <section className="card card-flush">
        {events.error ? (
          <ErrorMessage error={events.error} title="The audit log is not available to you" />
        ) : events.isPending ? (
          <Loading />
        ) : (
          <>
            <DataTable<AuditEvent>
              label="Audit events"
              rows={rows}
              rowKey={(e) => e.id}
              onRowClick={setSelected}
              columns={[
                {
                  header: 'Time',
                  cell: (e) => <time dateTime={e.occurred_at}>{formatDateTime(e.occurred_at)}</time>,
                },
                {
                  header: 'Action',
                  cell: (e) => (
                    <button
                      type="button"
                      className="link-button mono"
                      onClick={(ev) => {
                        ev.stopPropagation();
                        setSelected(e);
                      }}
                    >
                      {e.action}
                    </button>
                  ),
                },
                {
                  header: 'Actor',
                  cell: (e) => (
                    <span title={e.actor.id ?? ''}>
                      {e.actor.type} <code className="mono muted">{short(e.actor.id)}</code>
                    </span>
                  ),
                },
                {
                  header: 'Target',
                  cell: (e) =>
                    e.target ? (
                      <span title={e.target.id ?? ''}>
                        {e.target.type} <code className="mono muted">{short(e.target.id)}</code>
                      </span>
                    ) : (
                      '—'
                    ),
                },
                { header: 'IP', cell: (e) => e.ip ?? '—' },
              ]}
              empty={<EmptyState title={filtered ? 'No events match these filters' : 'No events yet'} />}
            />
            {events.hasNextPage && (
              <div className="pager">
                <button
                  type="button"
                  className="button"
                  disabled={events.isFetchingNextPage}
                  onClick={() => void events.fetchNextPage()}
                >
                  {events.isFetchingNextPage ? 'Loading…' : 'Load more'}
                </button>
              </div>
            )}
          </>
        )}
      </section>
      {selected && <AuditDetail event={selected} onClose={() => setSelected(null)} />}
    </>
  );
}
