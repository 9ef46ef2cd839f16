import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, api, describeError, unwrap, type Schemas } from '../api/client';
import { mcpClientConfig, mcpToolsFor } from '../connect';
import { formatDate, formatRelative } from '../format';
import { useUsage } from '../queries';
import { grantableScopes, useRole, type Scope } from '../roles';
import { CheckGrid } from './CheckGrid';
import { ConfirmDialog } from './ConfirmDialog';
import { Dialog } from './Dialog';
import { FormDialog } from './FormDialog';
import { Field } from './Field';
import { SecretOnceDialog } from './SecretOnceDialog';

type ApiKey = Schemas['ApiKeyDto'];

const SCOPE_HELP: Record<Scope, string> = {
  search: 'Search collections',
  ingest: 'Ingest records, define schemas (includes upload)',
  upload: 'Upload files and read uploads',
  entities: 'Read and write records',
  'entities:read': 'Read records, collections and schemas',
  'entities:write': 'Create, change and delete records',
  'keys:read': 'List keys and projects',
  'keys:write': 'Create, rotate and revoke keys',
  'usage:read': 'Read usage and analytics',
  'audit:read': 'Read the audit log',
  admin: 'Everything, including team and settings',
};

/** The raw key of a create or rotate answer: held here only while its dialog is open. */
export interface RevealedKey {
  title: string;
  key: string;
  message: string;
  scopes: Scope[];
}

export function curlSnippet(key: string): string {
  return `curl ${window.location.origin}/api/v1/auth/whoami \\\n  -H "Authorization: Bearer ${key}"`;
}

/** Which MCP tools an agent with this key gets, or why it gets none. */
function McpToolsHint({ scopes }: { scopes: readonly Scope[] }) {
  const tools = mcpToolsFor(scopes);
  return (
    <p className="field-hint snippet-hint">
      {tools.length > 0 ? (
        <>
          An agent with this key is offered{' '}
          {tools.map((tool, i) => (
            <span key={tool}>
              {i > 0 && ', '}
              <code>{tool}</code>
            </span>
          ))}
          .{' '}
        </>
      ) : (
        'This key offers an agent no tools. '
      )}
      Agents need <code>search</code> and <code>entities:read</code> to read, plus <code>ingest</code> to
      write.
    </p>
  );
}

export function RevealKeyDialog({ revealed, onClose }: { revealed: RevealedKey; onClose: () => void }) {
  return (
    <SecretOnceDialog
      title={revealed.title}
      secret={revealed.key}
      message={revealed.message}
      snippets={[
        { label: 'Try it', copyLabel: 'Copy command', text: curlSnippet(revealed.key) },
        {
          label: 'Connect an agent (MCP client config)',
          copyLabel: 'Copy config',
          text: mcpClientConfig(revealed.key),
          hint: <McpToolsHint scopes={revealed.scopes} />,
        },
      ]}
      onClose={onClose}
    />
  );
}

const DAY = 86_400_000;
const EXPIRY_CHOICES = [7, 30, 90, 365];

function useSecuritySettings() {
  return useQuery({
    queryKey: ['settings', 'security'],
    queryFn: () => unwrap(api.GET('/api/v1/settings/security')),
  });
}

interface CreateKeyDialogProps {
  projectId: string;
  environments: Schemas['EnvironmentDto'][];
  onClose: () => void;
  onCreated: (revealed: RevealedKey) => void;
}

/**
 * Create a key: only the scopes the person's role may grant are offered, and the expiry choices honour
 * the tenant's security settings (required expiry, maximum lifetime).
 */
export function CreateKeyDialog({ projectId, environments, onClose, onCreated }: CreateKeyDialogProps) {
  const role = useRole();
  const queryClient = useQueryClient();
  const security = useSecuritySettings();
  const usage = useUsage();
  const scopes = grantableScopes(role);
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<Scope[]>(['search']);
  const [environmentId, setEnvironmentId] = useState(
    environments.find((e) => e.kind === 'live')?.id ?? environments[0]?.id ?? '',
  );
  const [expiry, setExpiry] = useState<string>('');
  const [customDate, setCustomDate] = useState('');
  const [rateLimit, setRateLimit] = useState('');
  const [rotationDays, setRotationDays] = useState('');
  const [webhook, setWebhook] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const settings = security.data;
  const maxDays = settings?.max_key_lifetime_days ?? null;
  const choices = EXPIRY_CHOICES.filter((days) => maxDays === null || days <= maxDays);
  const mustExpire = settings?.require_key_expiration ?? false;
  const effectiveExpiry = expiry || (mustExpire ? String(choices[choices.length - 1] ?? 'custom') : 'never');
  const planLimit = usage.data?.rate_limit.requests_per_minute;
  const today = new Date().toISOString().slice(0, 10);
  const latest =
    maxDays !== null ? new Date(Date.now() + maxDays * DAY).toISOString().slice(0, 10) : undefined;

  const toggle = (scope: Scope) =>
    setChosen((now) => (now.includes(scope) ? now.filter((s) => s !== scope) : [...now, scope]));

  const expiresAt = (): string | null => {
    if (effectiveExpiry === 'never') return null;
    if (effectiveExpiry === 'custom')
      return customDate ? new Date(`${customDate}T23:59:59.000Z`).toISOString() : null;
    return new Date(Date.now() + Number(effectiveExpiry) * DAY).toISOString();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: Schemas['CreateKeyDto'] = {
        name: name.trim(),
        scopes: chosen,
        project_id: projectId,
        ...(environmentId ? { environment_id: environmentId } : {}),
        expires_at: expiresAt(),
        ...(rateLimit ? { rate_limit: { requests_per_minute: Number(rateLimit) } } : {}),
        ...(rotationDays ? { rotation_interval_days: Number(rotationDays) } : {}),
        ...(rotationDays && webhook.trim() ? { rotation_webhook_url: webhook.trim() } : {}),
      };
      // Called directly, not through a cached mutation: the raw key must not land in any cache.
      const created = await unwrap(api.POST('/api/v1/portal/keys', { body }));
      void queryClient.invalidateQueries({ queryKey: ['keys'] });
      void queryClient.invalidateQueries({ queryKey: ['quickstart'] });
      void queryClient.invalidateQueries({ queryKey: ['projects'] });
      onCreated({
        title: `Key “${created.name}” created`,
        key: created.key,
        message: created.message,
        scopes: created.scopes,
      });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const fieldErrors = error instanceof ApiError ? error.fieldErrors() : {};
  const scopeError = Object.entries(fieldErrors).find(([field]) => field.startsWith('scopes'))?.[1];

  return (
    <FormDialog
      title="Create API key"
      wide
      submitLabel="Create key"
      busyLabel="Creating…"
      busy={busy}
      ready={chosen.length > 0 && Boolean(name.trim())}
      onClose={onClose}
      onSubmit={(e) => void submit(e)}
    >
      <Field
        label="Name"
        required
        maxLength={100}
        value={name}
        onChange={(e) => setName(e.target.value)}
        placeholder="e.g. Production backend"
        error={fieldErrors.name}
        autoFocus
      />
      <fieldset className="fieldset">
        <legend className="field-label">Scopes</legend>
        <CheckGrid options={scopes} help={SCOPE_HELP} chosen={chosen} onToggle={toggle} />
        {role === 'developer' && (
          <span className="field-hint">Developers cannot grant admin, keys or audit scopes.</span>
        )}
        {scopeError && <span className="field-error">{scopeError}</span>}
      </fieldset>
      <div className="grid-2">
        <label className="field">
          <span className="field-label">Environment</span>
          <select value={environmentId} onChange={(e) => setEnvironmentId(e.target.value)}>
            {environments.map((env) => (
              <option key={env.id} value={env.id}>
                {env.name} ({env.kind === 'live' ? 'sk_live_' : 'sk_test_'})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Expires</span>
          <select value={effectiveExpiry} onChange={(e) => setExpiry(e.target.value)}>
            {!mustExpire && <option value="never">Never</option>}
            {choices.map((days) => (
              <option key={days} value={String(days)}>
                In {days} days
              </option>
            ))}
            <option value="custom">On a date…</option>
          </select>
          {mustExpire && (
            <span className="field-hint">
              This tenant requires keys to expire{maxDays !== null ? ` within ${maxDays} days` : ''}.
            </span>
          )}
          {fieldErrors.expires_at && <span className="field-error">{fieldErrors.expires_at}</span>}
        </label>
      </div>
      {effectiveExpiry === 'custom' && (
        <Field
          label="Expiry date"
          type="date"
          min={today}
          max={latest}
          value={customDate}
          onChange={(e) => setCustomDate(e.target.value)}
        />
      )}
      <div className="grid-2">
        <Field
          label="Rate limit (requests per minute)"
          type="number"
          min={1}
          max={planLimit}
          value={rateLimit}
          onChange={(e) => setRateLimit(e.target.value)}
          hint={planLimit ? `Optional; at most the tenant's ${planLimit}/min.` : 'Optional.'}
          error={fieldErrors['rate_limit.requests_per_minute'] ?? fieldErrors.rate_limit}
        />
        <Field
          label="Rotate every (days)"
          type="number"
          min={1}
          max={365}
          value={rotationDays}
          onChange={(e) => setRotationDays(e.target.value)}
          hint="Optional; the old key keeps working 24 hours."
          error={fieldErrors.rotation_interval_days}
        />
      </div>
      {rotationDays && (
        <Field
          label="Rotation webhook URL"
          type="url"
          value={webhook}
          onChange={(e) => setWebhook(e.target.value)}
          placeholder="https://example.com/hooks/cistern"
          hint="Receives the new key, signed with the tenant's webhook secret (Settings → Webhooks)."
          error={fieldErrors.rotation_webhook_url}
        />
      )}
      {error !== null && Object.keys(fieldErrors).length === 0 && (
        <p className="form-error" role="alert">
          {describeError(error)}
        </p>
      )}
    </FormDialog>
  );
}

const GRACE_CHOICES: { seconds: number; label: string }[] = [
  { seconds: 0, label: 'Now: the old key stops working at once' },
  { seconds: 3600, label: 'In 1 hour' },
  { seconds: 86_400, label: 'In 24 hours' },
  { seconds: 604_800, label: 'In 7 days' },
];

export function RotateKeyDialog({
  apiKey,
  onClose,
  onRotated,
}: {
  apiKey: ApiKey;
  onClose: () => void;
  onRotated: (revealed: RevealedKey) => void;
}) {
  const queryClient = useQueryClient();
  const [grace, setGrace] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const rotate = async () => {
    setBusy(true);
    setError(null);
    try {
      const rotated = await unwrap(
        api.POST('/api/v1/portal/keys/{id}/rotate', {
          params: { path: { id: apiKey.id } },
          body: { grace_period_seconds: grace },
        }),
      );
      void queryClient.invalidateQueries({ queryKey: ['keys'] });
      void queryClient.invalidateQueries({ queryKey: ['key'] });
      onRotated({
        title: `Key “${rotated.name}” rotated`,
        key: rotated.key,
        message: rotated.message,
        scopes: rotated.scopes,
      });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`Rotate “${apiKey.name}”`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={busy}
            onClick={() => void rotate()}
          >
            {busy ? 'Rotating…' : 'Rotate key'}
          </button>
        </>
      }
    >
      <div className="stack">
        <p>
          A new key with the same name, scopes, expiry and environment replaces this one. When should the old
          key stop working?
        </p>
        <fieldset className="fieldset">
          <legend className="field-label">Old key stops working</legend>
          {GRACE_CHOICES.map((choice) => (
            <label key={choice.seconds} className="radio-option">
              <input
                type="radio"
                name="grace"
                checked={grace === choice.seconds}
                onChange={() => setGrace(choice.seconds)}
              />
              {choice.label}
            </label>
          ))}
        </fieldset>
        {error !== null && (
          <p className="form-error" role="alert">
            {describeError(error)}
          </p>
        )}
      </div>
    </Dialog>
  );
}

export function lastUseSentence(apiKey: ApiKey): string {
  return apiKey.last_used_at
    ? `It was last used ${formatRelative(apiKey.last_used_at)}.`
    : 'It has never been used.';
}

export function RevokeKeyDialog({
  apiKey,
  onClose,
  onRevoked,
}: {
  apiKey: ApiKey;
  onClose: () => void;
  onRevoked?: () => void;
}) {
  const queryClient = useQueryClient();
  return (
    <ConfirmDialog
      title={`Revoke “${apiKey.name}”?`}
      confirmLabel="Revoke key"
      danger
      onClose={onClose}
      onConfirm={async () => {
        await unwrap(api.DELETE('/api/v1/portal/keys/{id}', { params: { path: { id: apiKey.id } } }));
        void queryClient.invalidateQueries({ queryKey: ['keys'] });
        void queryClient.invalidateQueries({ queryKey: ['key'] });
        onRevoked?.();
      }}
    >
      <p>
        <strong>{apiKey.name}</strong> (<code>{apiKey.key_prefix}…</code>) stops working from the next
        request. {lastUseSentence(apiKey)}
      </p>
      {apiKey.expires_at && (
        <p className="muted">It would have expired on {formatDate(apiKey.expires_at)}.</p>
      )}
      <p className="muted">This cannot be undone.</p>
    </ConfirmDialog>
  );
}
