import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap, type Schemas } from '../api/client';
import { keyStatusFilterValues } from '../api/schema';
import { Badge } from '../components/Badge';
import { ConnectCard } from '../components/ConnectCard';
import { DataTable, type Column } from '../components/DataTable';
import { EmptyState } from '../components/EmptyState';
import { ErrorMessage } from '../components/ErrorMessage';
import {
  CreateKeyDialog,
  RevealKeyDialog,
  RevokeKeyDialog,
  RotateKeyDialog,
  type RevealedKey,
} from '../components/KeyDialogs';
import { PageHeader } from '../components/PageHeader';
import { QueryState } from '../components/QueryState';
import { formatDate, formatDateTime, formatRelative } from '../format';
import { useEnvironments, useProjects } from '../queries';
import { Link, useSearchParams } from '../router';
import { canManageKey, grantableScopes, useRole } from '../roles';

type ApiKey = Schemas['ApiKeyDto'];
type StatusFilter = Schemas['KeyStatusFilter'];

export function environmentBadge(keyPrefix: string) {
  return keyPrefix.startsWith('sk_live_') ? (
    <Badge tone="accent">live</Badge>
  ) : (
    <Badge tone="neutral">test</Badge>
  );
}

export function ScopeList({ scopes }: { scopes: readonly string[] }) {
  const shown = scopes.slice(0, 3);
  return (
    <span className="chips">
      {shown.map((scope) => (
        <code key={scope} className="chip">
          {scope}
        </code>
      ))}
      {scopes.length > shown.length && (
        <span className="chip chip-more" title={scopes.join(', ')}>
          +{scopes.length - shown.length}
        </span>
      )}
    </span>
  );
}

type Dialog =
  | { kind: 'create' }
  | { kind: 'rotate'; key: ApiKey }
  | { kind: 'revoke'; key: ApiKey }
  | { kind: 'reveal'; revealed: RevealedKey };

export function KeysPage() {
  const role = useRole();
  const [params, setParams] = useSearchParams();
  const projects = useProjects();
  const projectList = projects.data?.projects ?? [];
  const projectId =
    params.get('project') ?? projectList.find((p) => p.name === 'default')?.id ?? projectList[0]?.id;
  const environments = useEnvironments(projectId);
  const environmentId = params.get('environment') ?? '';
  const statusParam = params.get('status');
  const status: StatusFilter | undefined = keyStatusFilterValues.find((s) => s === statusParam);
  const showRevoked = status === 'all' || status === 'revoked';
  const keys = useQuery({
    queryKey: ['keys', projectId, environmentId, status ?? 'default'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/portal/keys', {
          params: {
            query: {
              project_id: projectId,
              limit: 100,
              ...(environmentId ? { environment_id: environmentId } : {}),
              ...(status ? { status } : {}),
            },
          },
        }),
      ),
    enabled: Boolean(projectId),
  });
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const canCreate = grantableScopes(role).length > 0;
  const project = projectList.find((p) => p.id === projectId);

  const columns: Column<ApiKey>[] = [
    {
      header: 'Name',
      cell: (k) => (
        <Link to={`/app/keys/${k.id}`} className="strong-link">
          {k.name}
        </Link>
      ),
    },
    {
      header: 'Key',
      cell: (k) => (
        <span className="row-actions">
          <code className="mono">{k.key_prefix}…</code>
          {environmentBadge(k.key_prefix)}
        </span>
      ),
    },
    { header: 'Scopes', cell: (k) => <ScopeList scopes={k.scopes} /> },
    { header: 'Status', cell: (k) => <Badge>{k.status}</Badge> },
    {
      header: 'Last used',
      cell: (k) =>
        k.last_used_at ? (
          <time dateTime={k.last_used_at} title={formatDateTime(k.last_used_at)}>
            {formatRelative(k.last_used_at)}
          </time>
        ) : (
          <span className="muted">Never</span>
        ),
    },
    {
      header: 'Expires',
      className: 'cell-date',
      cell: (k) =>
        k.status === 'grace' && k.grace_expires_at ? (
          <span title={formatDateTime(k.grace_expires_at)}>
            Grace ends {formatRelative(k.grace_expires_at)}
          </span>
        ) : k.expires_at ? (
          <time dateTime={k.expires_at}>{formatDate(k.expires_at)}</time>
        ) : (
          <span className="muted">Never</span>
        ),
    },
    {
      header: 'Actions',
      hiddenHeader: true,
      className: 'cell-actions',
      cell: (k) =>
        canManageKey(role, k.scopes) && (k.status === 'active' || k.status === 'grace') ? (
          <span className="row-actions">
            {k.status === 'active' && (
              <button
                type="button"
                className="button button-small"
                onClick={() => setDialog({ kind: 'rotate', key: k })}
              >
                Rotate
              </button>
            )}
            <button
              type="button"
              className="button button-small button-danger-ghost"
              onClick={() => setDialog({ kind: 'revoke', key: k })}
            >
              Revoke
            </button>
          </span>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys let applications and agents call the API. Each belongs to a project environment; a key is shown once, when it is created."
        actions={
          canCreate && (
            <button
              type="button"
              className="button button-primary"
              disabled={!projectId || !environments.data}
              onClick={() => setDialog({ kind: 'create' })}
            >
              Create key
            </button>
          )
        }
      />
      <div className="toolbar" role="group" aria-label="Filters">
        <label className="inline-field">
          <span>Project</span>
          <select
            value={projectId ?? ''}
            onChange={(e) => setParams({ project: e.target.value, environment: null })}
          >
            {projectList.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>Environment</span>
          <select value={environmentId} onChange={(e) => setParams({ environment: e.target.value })}>
            <option value="">All environments</option>
            {(environments.data?.environments ?? []).map((env) => (
              <option key={env.id} value={env.id}>
                {env.name} ({env.kind})
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>Status</span>
          <select value={status ?? ''} onChange={(e) => setParams({ status: e.target.value })}>
            <option value="">Not revoked</option>
            {keyStatusFilterValues.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="check-inline">
          <input
            type="checkbox"
            checked={showRevoked}
            onChange={(e) => setParams({ status: e.target.checked ? 'all' : null })}
          />
          Show revoked
        </label>
        {project && (
          <span className="toolbar-note muted">
            {project.active_key_count} of {project.key_limit} active keys
          </span>
        )}
      </div>
      <section className="card card-flush">
        {projects.error ? (
          <ErrorMessage error={projects.error} />
        ) : (
          <QueryState query={keys}>
            {(data) => (
              <DataTable
                label="API keys"
                columns={columns}
                rows={data.keys}
                rowKey={(k) => k.id}
                empty={
                  <EmptyState
                    title={status || environmentId ? 'No keys match these filters' : 'No API keys yet'}
                    action={
                      canCreate && !status && !environmentId ? (
                        <button
                          type="button"
                          className="button button-primary"
                          onClick={() => setDialog({ kind: 'create' })}
                        >
                          Create key
                        </button>
                      ) : undefined
                    }
                  >
                    {status || environmentId
                      ? 'Change the filters to see other keys.'
                      : 'Create a key to call the API from your application.'}
                  </EmptyState>
                }
              />
            )}
          </QueryState>
        )}
      </section>
      <ConnectCard />
      {dialog?.kind === 'create' && projectId && environments.data && (
        <CreateKeyDialog
          projectId={projectId}
          environments={environments.data.environments}
          onClose={() => setDialog(null)}
          onCreated={(revealed) => setDialog({ kind: 'reveal', revealed })}
        />
      )}
      {dialog?.kind === 'rotate' && (
        <RotateKeyDialog
          apiKey={dialog.key}
          onClose={() => setDialog(null)}
          onRotated={(revealed) => setDialog({ kind: 'reveal', revealed })}
        />
      )}
      {dialog?.kind === 'revoke' && <RevokeKeyDialog apiKey={dialog.key} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'reveal' && (
        <RevealKeyDialog revealed={dialog.revealed} onClose={() => setDialog(null)} />
      )}
    </>
  );
}
