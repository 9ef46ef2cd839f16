import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, describeError, unwrap, type Schemas } from '../api/client';
import { Badge } from '../components/Badge';
import { DataTable } from '../components/DataTable';
import { EmptyState } from '../components/EmptyState';
import { ErrorMessage } from '../components/ErrorMessage';
import { PageHeader } from '../components/PageHeader';
import { Pager } from '../components/Pager';
import { QueryState } from '../components/QueryState';
import {
  DeleteEndpointDialog,
  EndpointDialog,
  EndpointStatus,
  EVENT_HELP,
  sendTestEvent,
} from '../components/WebhookDialogs';
import { formatCount, formatDateTime, formatRelative } from '../format';
import { Link, navigate, useSearchParams } from '../router';

type Delivery = Schemas['WebhookDeliveryDto'];
const PAGE = 20;

function When({ iso }: { iso: string | null }) {
  if (!iso) return <span className="muted">—</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso)}
    </time>
  );
}

/** One endpoint (admins): its settings, "Send test", and its delivery log, newest first. */
export function WebhookEndpointPage({ id }: { id: string }) {
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const page = Math.max(0, Number(params.get('page') ?? '0') || 0);
  const endpoint = useQuery({
    queryKey: ['webhook-endpoint', id],
    queryFn: () => unwrap(api.GET('/api/v1/settings/webhooks/endpoints/{id}', { params: { path: { id } } })),
  });
  const deliveries = useQuery({
    queryKey: ['webhook-deliveries', id, page],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/settings/webhooks/endpoints/{id}/deliveries', {
          params: { path: { id }, query: { limit: PAGE, offset: page * PAGE } },
        }),
      ),
    // Pending deliveries settle within seconds (or retry for hours): follow them while in view.
    refetchInterval: (q) => (q.state.data?.deliveries.some((d) => d.status === 'pending') ? 1500 : false),
  });
  // A delivery's outcome can change the endpoint (a 410 or days of failures disable it).
  const settledAt = deliveries.dataUpdatedAt;
  useEffect(() => {
    if (settledAt) void queryClient.invalidateQueries({ queryKey: ['webhook-endpoint', id] });
  }, [settledAt, id, queryClient]);
  const [dialog, setDialog] = useState<'edit' | 'delete' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [testError, setTestError] = useState<string | null>(null);

  const back = (
    <Link to="/app/settings/webhooks" className="back-link">
      ← Webhooks
    </Link>
  );
  if (endpoint.error || !endpoint.data) {
    return (
      <>
        {back}
        <QueryState query={endpoint}>{() => null}</QueryState>
      </>
    );
  }
  const e = endpoint.data;

  const sendTest = async () => {
    setNotice(null);
    setTestError(null);
    try {
      await sendTestEvent(queryClient, id);
      if (page > 0) setParams({ page: null });
      setNotice('A webhook.test event is queued; it appears below.');
    } catch (error) {
      setTestError(describeError(error));
    }
  };

  return (
    <>
      {back}
      <PageHeader
        title="Webhook endpoint"
        description={<code className="break">{e.url}</code>}
        actions={
          <>
            <button type="button" className="button" onClick={() => void sendTest()}>
              Send test
            </button>
            <button type="button" className="button" onClick={() => setDialog('edit')}>
              Edit
            </button>
            <button type="button" className="button button-danger-ghost" onClick={() => setDialog('delete')}>
              Delete
            </button>
          </>
        }
      />
      {testError && <ErrorMessage error={new Error(testError)} title="The test was refused" />}
      {notice && (
        <div className="callout callout-info" role="status">
          <p>{notice}</p>
        </div>
      )}
      <section className="card">
        <dl className="details">
          <div>
            <dt>Status</dt>
            <dd>
              <EndpointStatus endpoint={e} />
            </dd>
          </div>
          <div>
            <dt>Created</dt>
            <dd>{formatDateTime(e.created_at)}</dd>
          </div>
          <div>
            <dt>Changed</dt>
            <dd>{formatDateTime(e.updated_at)}</dd>
          </div>
          <div className="details-full">
            <dt>Events</dt>
            <dd>
              <ul className="event-list">
                {e.events.map((event) => (
                  <li key={event}>
                    <code>{event}</code> <span className="muted">{EVENT_HELP[event]}</span>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        </dl>
      </section>
      <section className="card card-flush" aria-labelledby="deliveries-title">
        <div className="card-header card-header-padded">
          <h2 id="deliveries-title">Deliveries</h2>
          {deliveries.data && deliveries.data.total > 0 && (
            <span className="muted">
              {page * PAGE + 1}–{Math.min((page + 1) * PAGE, deliveries.data.total)} of{' '}
              {formatCount(deliveries.data.total)}, kept 30 days
            </span>
          )}
        </div>
        <QueryState query={deliveries}>
          {(data) => (
            <>
              <DataTable<Delivery>
                label="Deliveries"
                rows={data.deliveries}
                rowKey={(d) => d.id}
                columns={[
                  {
                    header: 'Event',
                    cell: (d) => <code title={`webhook-id: ${d.id}`}>{d.event_type}</code>,
                  },
                  { header: 'Status', cell: (d) => <Badge>{d.status}</Badge> },
                  { header: 'Attempts', className: 'cell-number', cell: (d) => d.attempts },
                  {
                    header: 'Last response',
                    cell: (d) =>
                      d.last_status_code !== null ? (
                        <code>{d.last_status_code}</code>
                      ) : (
                        <span className="muted">{d.attempts > 0 ? 'none' : '—'}</span>
                      ),
                  },
                  {
                    header: 'Error',
                    className: 'cell-wrap',
                    cell: (d) => (d.last_error ? <span className="error-text">{d.last_error}</span> : null),
                  },
                  { header: 'Last attempt', cell: (d) => <When iso={d.last_attempt_at} /> },
                  { header: 'Created', cell: (d) => <When iso={d.created_at} /> },
                ]}
                empty={
                  <EmptyState
                    title="No deliveries yet"
                    action={
                      <button type="button" className="button" onClick={() => void sendTest()}>
                        Send test
                      </button>
                    }
                  >
                    Events this endpoint subscribes to show here once they happen.
                  </EmptyState>
                }
              />
              <Pager
                page={page}
                pageSize={PAGE}
                total={data.total}
                onPage={(p) => setParams({ page: p > 0 ? String(p) : null })}
                previousLabel="Newer"
                nextLabel="Older"
              />
            </>
          )}
        </QueryState>
      </section>
      {dialog === 'edit' && <EndpointDialog endpoint={e} onClose={() => setDialog(null)} />}
      {dialog === 'delete' && (
        <DeleteEndpointDialog
          endpoint={e}
          onClose={() => setDialog(null)}
          onDeleted={() => navigate('/app/settings/webhooks')}
        />
      )}
    </>
  );
}
