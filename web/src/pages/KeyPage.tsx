import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap, type Schemas } from '../api/client';
import { Badge } from '../components/Badge';
import { DataTable } from '../components/DataTable';
import { EmptyState } from '../components/EmptyState';
import {
  RevealKeyDialog,
  RevokeKeyDialog,
  RotateKeyDialog,
  type RevealedKey,
} from '../components/KeyDialogs';
import { PageHeader } from '../components/PageHeader';
import { Loading, QueryState } from '../components/QueryState';
import { UsageChart } from '../components/UsageChart';
import { formatDateTime, formatRelative } from '../format';
import { Link } from '../router';
import { canManageKey, useRole } from '../roles';
import { ScopeList, environmentBadge } from './KeysPage';

type ApiKey = Schemas['ApiKeyDto'];
const PERIODS = [7, 30, 90];

function creatorLabel(creator: Schemas['KeyCreatorDto']): string {
  if (creator.type === 'system') return 'Cistern (scheduled rotation)';
  if (creator.type === 'user') return creator.display_name || creator.email || 'A team member';
  return creator.name ? `API key “${creator.name}” (${creator.key_prefix ?? ''}…)` : 'An API key';
}

export function KeyPage({ id }: { id: string }) {
  const role = useRole();
  const [days, setDays] = useState(30);
  const [dialog, setDialog] = useState<
    { kind: 'rotate' | 'revoke' } | { kind: 'reveal'; revealed: RevealedKey } | null
  >(null);
  const key = useQuery({
    queryKey: ['key', id],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/portal/keys/{id}', {
          params: { path: { id }, query: { include: ['history', 'created_by'] } },
        }),
      ),
  });
  const usage = useQuery({
    queryKey: ['key', id, 'usage', days],
    queryFn: () =>
      unwrap(api.GET('/api/v1/portal/keys/{id}/usage', { params: { path: { id }, query: { days } } })),
  });

  if (key.error || !key.data) {
    return (
      <>
        <Link to="/app/keys" className="back-link">
          ← API keys
        </Link>
        <QueryState query={key}>{() => null}</QueryState>
      </>
    );
  }
  const k = key.data;
  const manageable = canManageKey(role, k.scopes) && (k.status === 'active' || k.status === 'grace');

  return (
    <>
      <Link to="/app/keys" className="back-link">
        ← API keys
      </Link>
      <PageHeader
        title={k.name}
        description={
          <span className="row">
            <code className="mono">{k.key_prefix}…</code> {environmentBadge(k.key_prefix)}{' '}
            <Badge>{k.status}</Badge>
          </span>
        }
        actions={
          manageable && (
            <>
              {k.status === 'active' && (
                <button type="button" className="button" onClick={() => setDialog({ kind: 'rotate' })}>
                  Rotate
                </button>
              )}
              <button
                type="button"
                className="button button-danger-ghost"
                onClick={() => setDialog({ kind: 'revoke' })}
              >
                Revoke
              </button>
            </>
          )
        }
      />
      <section className="card">
        <dl className="details">
          <div>
            <dt>Scopes</dt>
            <dd>
              <ScopeList scopes={k.scopes} />
            </dd>
          </div>
          <div>
            <dt>Created</dt>
            <dd>
              {formatDateTime(k.created_at)} by {creatorLabel(k.created_by)}
            </dd>
          </div>
          <div>
            <dt>Last used</dt>
            <dd>{k.last_used_at ? formatRelative(k.last_used_at) : 'Never'}</dd>
          </div>
          <div>
            <dt>Expires</dt>
            <dd>{k.expires_at ? formatDateTime(k.expires_at) : 'Never'}</dd>
          </div>
          {k.grace_expires_at && (
            <div>
              <dt>Grace ends</dt>
              <dd>{formatDateTime(k.grace_expires_at)}</dd>
            </div>
          )}
          {k.revoked_at && (
            <div>
              <dt>Stopped working</dt>
              <dd>{formatDateTime(k.revoked_at)}</dd>
            </div>
          )}
          <div>
            <dt>Rate limit</dt>
            <dd>
              {k.rate_limit ? `${k.rate_limit.requests_per_minute} requests/min` : "The tenant's limit"}
            </dd>
          </div>
          <div>
            <dt>Scheduled rotation</dt>
            <dd>
              {k.rotation_interval_days
                ? `Every ${k.rotation_interval_days} days${k.next_rotation_at ? `, next ${formatDateTime(k.next_rotation_at)}` : ''}`
                : 'Off'}
            </dd>
          </div>
          {k.replaced_by_key_id && (
            <div>
              <dt>Replaced by</dt>
              <dd>
                <Link to={`/app/keys/${k.replaced_by_key_id}`}>the rotated key</Link>
              </dd>
            </div>
          )}
        </dl>
      </section>
      <section className="card" aria-labelledby="usage-title">
        <div className="card-header">
          <h2 id="usage-title">Usage</h2>
          <div className="segmented" role="group" aria-label="Period">
            {PERIODS.map((p) => (
              <button key={p} type="button" aria-pressed={days === p} onClick={() => setDays(p)}>
                {p} days
              </button>
            ))}
          </div>
        </div>
        {usage.isPending ? (
          <Loading />
        ) : usage.data ? (
          <UsageChart days={usage.data.days} />
        ) : (
          <QueryState query={usage}>{() => null}</QueryState>
        )}
        <p className="field-hint">Counted per UTC day; requests appear within a few seconds.</p>
      </section>
      <section className="card card-flush" aria-labelledby="history-title">
        <div className="card-header card-header-padded">
          <h2 id="history-title">Rotation history</h2>
        </div>
        <DataTable<ApiKey>
          label="Keys this key replaced"
          rows={k.history ?? []}
          rowKey={(h) => h.id}
          columns={[
            {
              header: 'Key',
              cell: (h) => (
                <Link to={`/app/keys/${h.id}`}>
                  <code className="mono">{h.key_prefix}…</code>
                </Link>
              ),
            },
            { header: 'Status', cell: (h) => <Badge>{h.status}</Badge> },
            { header: 'Created', cell: (h) => formatDateTime(h.created_at) },
            {
              header: 'Stopped working',
              cell: (h) =>
                h.revoked_at
                  ? formatDateTime(h.revoked_at)
                  : h.grace_expires_at
                    ? `Grace until ${formatDateTime(h.grace_expires_at)}`
                    : '—',
            },
          ]}
          empty={<EmptyState title="Never rotated">This key has not replaced another key.</EmptyState>}
        />
      </section>
      {dialog?.kind === 'rotate' && (
        <RotateKeyDialog
          apiKey={k}
          onClose={() => setDialog(null)}
          onRotated={(revealed) => setDialog({ kind: 'reveal', revealed })}
        />
      )}
      {dialog?.kind === 'revoke' && <RevokeKeyDialog apiKey={k} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'reveal' && (
        <RevealKeyDialog revealed={dialog.revealed} onClose={() => setDialog(null)} />
      )}
    </>
  );
}
