import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, describeError, unwrap } from '../api/client';
import { copyText } from '../clipboard';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DataTable } from '../components/DataTable';
import { EmptyState } from '../components/EmptyState';
import { ErrorMessage, forbidden } from '../components/ErrorMessage';
import { PageHeader } from '../components/PageHeader';
import { QueryState } from '../components/QueryState';
import { SettingsTabs } from '../components/SettingsTabs';
import {
  DeleteEndpointDialog,
  EndpointDialog,
  EndpointStatus,
  sendTestEvent,
  type Endpoint,
} from '../components/WebhookDialogs';
import { Link } from '../router';
import { atLeast, useRole } from '../roles';
import { SETTINGS_DESCRIPTION } from './SettingsPage';

/** The webhook signing secret: fetched only when revealed, kept in this component's state alone. */
function WebhookSecret() {
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [rotating, setRotating] = useState(false);
  const [copied, setCopied] = useState(false);
  const reveal = async () => {
    setError(null);
    try {
      setSecret((await unwrap(api.GET('/api/v1/settings/webhooks'))).signing_secret);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className="stack">
      <div className="secret-row">
        <code className="secret" aria-label="Signing secret">
          {secret ?? 'whsec_••••••••••••••••••••••••••••••••'}
        </code>
        {secret ? (
          <>
            <button
              type="button"
              className="button"
              onClick={() =>
                void copyText(secret).then((ok) => {
                  setCopied(ok);
                })
              }
            >
              {copied ? 'Copied' : 'Copy'}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setSecret(null);
                setCopied(false);
              }}
            >
              Hide
            </button>
          </>
        ) : (
          <button type="button" className="button" onClick={() => void reveal()}>
            Reveal
          </button>
        )}
        <button type="button" className="button button-danger-ghost" onClick={() => setRotating(true)}>
          Rotate secret
        </button>
      </div>
      {error !== null && <ErrorMessage error={error} />}
      {rotating && (
        <ConfirmDialog
          title="Rotate the webhook signing secret?"
          confirmLabel="Rotate secret"
          danger
          onClose={() => setRotating(false)}
          onConfirm={async () => {
            const answer = await unwrap(api.POST('/api/v1/settings/webhooks/rotate-secret'));
            setSecret(answer.signing_secret);
            setCopied(false);
          }}
        >
          <p>
            Receivers that verify signatures with the current secret will reject deliveries until they have
            the new one. Deliveries still pending are signed with the new secret from their next attempt.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

type Pending = { kind: 'add' } | { kind: 'edit' | 'delete'; endpoint: Endpoint };

/**
 * Settings → Webhooks (admins): the tenant's event endpoints (rules §11) and the `whsec_` secret that
 * signs every delivery, event or key rotation.
 */
export function WebhooksPage() {
  const role = useRole();
  const queryClient = useQueryClient();
  const isAdmin = atLeast(role, 'admin');
  const [pending, setPending] = useState<Pending | null>(null);
  const [notice, setNotice] = useState<{ error?: string; tested?: Endpoint; at?: number } | null>(null);
  const endpoints = useQuery({
    queryKey: ['webhook-endpoints'],
    queryFn: () => unwrap(api.GET('/api/v1/settings/webhooks/endpoints')),
    enabled: isAdmin,
    // Just after a test, its outcome may change the endpoint (a 410 disables it): follow it for 30 s.
    refetchInterval: () => (notice?.at && Date.now() - notice.at < 30_000 ? 2000 : false),
  });

  if (role !== undefined && !isAdmin) {
    return (
      <>
        <PageHeader title="Settings" description={SETTINGS_DESCRIPTION} />
        <ErrorMessage
          error={forbidden('Webhook endpoints and the signing secret are managed by admins and owners.')}
          title="Webhooks are not available to you"
        />
      </>
    );
  }

  const sendTest = async (endpoint: Endpoint) => {
    setNotice(null);
    try {
      await sendTestEvent(queryClient, endpoint.id);
      setNotice({ tested: endpoint, at: Date.now() });
    } catch (e) {
      setNotice({ error: describeError(e) });
    }
  };

  return (
    <>
      <PageHeader title="Settings" description={SETTINGS_DESCRIPTION} />
      <SettingsTabs />
      {notice?.error && <ErrorMessage error={new Error(notice.error)} title="The test was refused" />}
      {notice?.tested && (
        <div className="callout callout-info" role="status">
          <p>
            A <code>webhook.test</code> event is on its way to{' '}
            <code className="break">{notice.tested.url}</code>.{' '}
            <Link to={`/app/settings/webhooks/${notice.tested.id}`}>See its delivery</Link>
          </p>
        </div>
      )}
      <section className="card card-flush" aria-labelledby="endpoints-title">
        <div className="card-header card-header-padded">
          <div>
            <h2 id="endpoints-title">Event endpoints</h2>
            <p className="muted">
              Cistern POSTs the events each endpoint subscribes to, signed with the secret below, and retries
              for about 8 hours until a 2xx answer.
            </p>
          </div>
          <button type="button" className="button button-primary" onClick={() => setPending({ kind: 'add' })}>
            Add endpoint
          </button>
        </div>
        <QueryState query={endpoints}>
          {(data) => (
            <DataTable<Endpoint>
              label="Webhook endpoints"
              rows={data.endpoints}
              rowKey={(e) => e.id}
              columns={[
                {
                  header: 'URL',
                  cell: (e) => (
                    <Link
                      to={`/app/settings/webhooks/${e.id}`}
                      className="strong-link url-cell"
                      title={e.url}
                    >
                      {e.url}
                    </Link>
                  ),
                },
                {
                  header: 'Events',
                  className: 'cell-chips',
                  cell: (e) => (
                    <span className="chips">
                      {e.events.map((event) => (
                        <code key={event} className="chip">
                          {event}
                        </code>
                      ))}
                    </span>
                  ),
                },
                { header: 'Status', className: 'cell-status', cell: (e) => <EndpointStatus endpoint={e} /> },
                {
                  header: 'Actions',
                  hiddenHeader: true,
                  className: 'cell-actions',
                  cell: (e) => (
                    <span className="row-actions">
                      <button type="button" className="button button-small" onClick={() => void sendTest(e)}>
                        Send test
                      </button>
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => setPending({ kind: 'edit', endpoint: e })}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        className="button button-small button-danger-ghost"
                        onClick={() => setPending({ kind: 'delete', endpoint: e })}
                      >
                        Delete
                      </button>
                    </span>
                  ),
                },
              ]}
              empty={
                <EmptyState
                  title="No endpoints yet"
                  action={
                    <button
                      type="button"
                      className="button button-primary"
                      onClick={() => setPending({ kind: 'add' })}
                    >
                      Add endpoint
                    </button>
                  }
                >
                  Add one to hear about finished uploads, usage thresholds and expiring or rotated keys
                  without polling.
                </EmptyState>
              }
            />
          )}
        </QueryState>
      </section>
      <section className="card settings-section" aria-labelledby="secret-title">
        <div className="settings-intro">
          <h2 id="secret-title">Webhook signing secret</h2>
          <p className="muted">
            Signs every delivery, events and key rotation webhooks alike (Standard Webhooks:{' '}
            <code>webhook-id</code>, <code>webhook-timestamp</code>, <code>webhook-signature</code>).
          </p>
        </div>
        <div className="settings-body">
          <WebhookSecret />
        </div>
      </section>
      {pending?.kind === 'add' && <EndpointDialog onClose={() => setPending(null)} />}
      {pending?.kind === 'edit' && (
        <EndpointDialog endpoint={pending.endpoint} onClose={() => setPending(null)} />
      )}
      {pending?.kind === 'delete' && (
        <DeleteEndpointDialog endpoint={pending.endpoint} onClose={() => setPending(null)} />
      )}
    </>
  );
}
