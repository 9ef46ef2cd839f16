import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, api, describeError, unwrap, type Schemas } from '../api/client';
import { environmentKindValues } from '../api/schema';
import { Badge } from '../components/Badge';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DataTable } from '../components/DataTable';
import { FormDialog } from '../components/FormDialog';
import { Field } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { SettingsTabs } from '../components/SettingsTabs';
import { QueryState } from '../components/QueryState';
import { formatDate } from '../format';
import { useEnvironments, useProjects } from '../queries';
import { atLeast, useAccount } from '../roles';
import { setSession } from '../session';

/** A form's submit state: busy, the error (422 field errors by path), and a saved notice. */
function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await work());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const fieldErrors = error instanceof ApiError ? error.fieldErrors() : {};
  const formError = error !== null && Object.keys(fieldErrors).length === 0 ? describeError(error) : null;
  return { busy, run, fieldErrors, formError, done };
}

function FormStatus({ formError, done }: { formError: string | null; done: string | null }) {
  if (formError)
    return (
      <p className="form-error" role="alert">
        {formError}
      </p>
    );
  if (done)
    return (
      <p className="success-text" role="status">
        {done}
      </p>
    );
  return null;
}

function Section({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="card settings-section" aria-labelledby={id}>
      <div className="settings-intro">
        <h2 id={id}>{title}</h2>
        {description && <p className="muted">{description}</p>}
      </div>
      <div className="settings-body">{children}</div>
    </section>
  );
}

function AccountForm({ account }: { account: Schemas['AccountDto'] }) {
  const queryClient = useQueryClient();
  const [displayName, setDisplayName] = useState(account.display_name ?? '');
  const [company, setCompany] = useState(account.company ?? '');
  const { busy, run, fieldErrors, formError, done } = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await unwrap(
        api.PATCH('/api/v1/portal/account', {
          body: { display_name: displayName.trim(), company: company.trim() },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ['account'] });
      return 'Account saved.';
    });
  };
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <Field label="Email" value={account.email} disabled hint="Your sign-in address." />
      <div className="grid-2">
        <Field
          label="Your name"
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          error={fieldErrors.display_name}
        />
        <Field
          label="Company"
          value={company}
          onChange={(e) => setCompany(e.target.value)}
          error={fieldErrors.company}
        />
      </div>
      <div className="row">
        <button type="submit" className="button button-primary" disabled={busy}>
          Save account
        </button>
        <FormStatus formError={formError} done={done} />
      </div>
    </form>
  );
}

function PasswordForm({ account }: { account: Schemas['AccountDto'] }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const { busy, run, fieldErrors, formError, done } = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await unwrap(
        api.POST('/api/v1/portal/account/password', {
          body: { current_password: current, new_password: next },
        }),
      );
      // Every older token stopped working, this tab's too: sign in again with the new password.
      const login = await unwrap(
        api.POST('/api/v1/portal/auth/login', {
          body: { email: account.email, password: next, tenant_id: account.tenant_id },
        }),
      );
      setSession(login.access_token, login.expires_in);
      setCurrent('');
      setNext('');
      return 'Password changed. Every other session has been signed out.';
    });
  };
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <div className="grid-2">
        <Field
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={fieldErrors.current_password}
        />
        <Field
          label="New password"
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          hint="At least 10 characters."
          error={fieldErrors.new_password}
        />
      </div>
      <div className="row">
        <button type="submit" className="button button-primary" disabled={busy || !current || !next}>
          Change password
        </button>
        <FormStatus formError={formError} done={done} />
      </div>
    </form>
  );
}

function SecurityForm({
  settings,
  editable,
}: {
  settings: Schemas['SecuritySettingsDto'];
  editable: boolean;
}) {
  const queryClient = useQueryClient();
  const [requireExpiry, setRequireExpiry] = useState(settings.require_key_expiration);
  const [maxDays, setMaxDays] = useState(
    settings.max_key_lifetime_days === null ? '' : String(settings.max_key_lifetime_days),
  );
  const [ranges, setRanges] = useState(settings.allowed_ip_ranges.join('\n'));
  const [ttl, setTtl] = useState(String(settings.session_ttl_minutes));
  const { busy, run, fieldErrors, formError, done } = useSubmit();
  const rangeError = Object.entries(fieldErrors).find(([f]) => f.startsWith('allowed_ip_ranges'))?.[1];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const saved = await unwrap(
        api.PATCH('/api/v1/settings/security', {
          body: {
            require_key_expiration: requireExpiry,
            max_key_lifetime_days: maxDays ? Number(maxDays) : null,
            allowed_ip_ranges: ranges
              .split(/[\s,]+/)
              .map((r) => r.trim())
              .filter(Boolean),
            session_ttl_minutes: Number(ttl),
          },
        }),
      );
      queryClient.setQueryData(['settings', 'security'], saved);
      setRanges(saved.allowed_ip_ranges.join('\n'));
      return 'Security settings saved.';
    });
  };
  return (
    <form className="stack" onSubmit={submit} noValidate>
      {!editable && <p className="muted">Only admins and owners can change these settings.</p>}
      <label className="check-inline">
        <input
          type="checkbox"
          checked={requireExpiry}
          disabled={!editable}
          onChange={(e) => setRequireExpiry(e.target.checked)}
        />
        Require an expiry date on new keys
      </label>
      <div className="grid-2">
        <Field
          label="Maximum key lifetime (days)"
          type="number"
          min={1}
          value={maxDays}
          disabled={!editable}
          onChange={(e) => setMaxDays(e.target.value)}
          hint="Empty: no limit."
          error={fieldErrors.max_key_lifetime_days}
        />
        <Field
          label="Session length (minutes)"
          type="number"
          min={1}
          value={ttl}
          disabled={!editable}
          onChange={(e) => setTtl(e.target.value)}
          hint="For new dashboard sessions."
          error={fieldErrors.session_ttl_minutes}
        />
      </div>
      <label className="field">
        <span className="field-label">Allowed IP ranges</span>
        <textarea
          rows={3}
          value={ranges}
          disabled={!editable}
          onChange={(e) => setRanges(e.target.value)}
          placeholder={'203.0.113.0/24\n2001:db8::/32'}
          spellCheck={false}
        />
        <span className="field-hint">
          One CIDR or address per line. API-key calls from elsewhere are refused; empty allows every address.
          Dashboard sessions are not restricted.
        </span>
        {rangeError && <span className="field-error">{rangeError}</span>}
      </label>
      {editable && (
        <div className="row">
          <button type="submit" className="button button-primary" disabled={busy}>
            Save security settings
          </button>
          <FormStatus formError={formError} done={done} />
        </div>
      )}
    </form>
  );
}

function Environments({ projectId, editable }: { projectId: string; editable: boolean }) {
  const queryClient = useQueryClient();
  const environments = useEnvironments(projectId);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Schemas['EnvironmentKind']>('test');
  const { busy, run, fieldErrors, formError } = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await unwrap(
        api.POST('/api/v1/projects/{id}/environments', {
          params: { path: { id: projectId } },
          body: { name: name.trim(), kind },
        }),
      );
      setName('');
      await queryClient.invalidateQueries({ queryKey: ['projects', projectId, 'environments'] });
      return 'Environment added.';
    });
  };
  return (
    <div className="stack-tight">
      <QueryState query={environments}>
        {(data) => (
          <span className="chips">
            {data.environments.map((env) => (
              <span key={env.id} className="chip">
                {env.name} <Badge tone={env.kind === 'live' ? 'accent' : 'neutral'}>{env.kind}</Badge>
              </span>
            ))}
          </span>
        )}
      </QueryState>
      {editable && (
        <form className="row" onSubmit={submit} noValidate>
          <input
            aria-label="New environment name"
            placeholder="staging"
            value={name}
            onChange={(e) => setName(e.target.value)}
            className="input-narrow"
          />
          <select
            aria-label="New environment kind"
            className="select-narrow"
            value={kind}
            onChange={(e) => setKind(e.target.value as Schemas['EnvironmentKind'])}
          >
            {environmentKindValues.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
          <button type="submit" className="button button-small" disabled={busy || !name.trim()}>
            Add environment
          </button>
          {(fieldErrors.name ?? formError) && (
            <span className="field-error">{fieldErrors.name ?? formError}</span>
          )}
        </form>
      )}
    </div>
  );
}

function RenameProjectDialog({ project, onClose }: { project: Schemas['ProjectDto']; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(project.name);
  const { busy, run, fieldErrors, formError } = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await unwrap(
        api.PATCH('/api/v1/projects/{id}', {
          params: { path: { id: project.id } },
          body: { name: name.trim() },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ['projects'] });
      onClose();
      return 'Project renamed.';
    });
  };
  return (
    <FormDialog
      title={`Rename “${project.name}”`}
      submitLabel="Rename project"
      busyLabel="Renaming…"
      busy={busy}
      ready={Boolean(name.trim()) && name.trim() !== project.name}
      onClose={onClose}
      onSubmit={submit}
    >
      <Field
        label="Project name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        hint="Keys and environments stay as they are."
        error={fieldErrors.name}
        autoFocus
      />
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
    </FormDialog>
  );
}

function Projects({ editable }: { editable: boolean }) {
  const queryClient = useQueryClient();
  const projects = useProjects();
  const [name, setName] = useState('');
  const [deleting, setDeleting] = useState<Schemas['ProjectDto'] | null>(null);
  const [renaming, setRenaming] = useState<Schemas['ProjectDto'] | null>(null);
  const { busy, run, fieldErrors, formError, done } = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await unwrap(api.POST('/api/v1/projects', { body: { name: name.trim() } }));
      setName('');
      await queryClient.invalidateQueries({ queryKey: ['projects'] });
      return 'Project created with production and development environments.';
    });
  };
  return (
    <div className="stack">
      <QueryState query={projects}>
        {(data) => (
          <DataTable
            label="Projects"
            rows={data.projects}
            rowKey={(p) => p.id}
            columns={[
              {
                header: 'Project',
                cell: (p) => (
                  <span className="stack-tight">
                    <span className="strong">{p.name}</span>
                    <span className="muted small">Created {formatDate(p.created_at)}</span>
                  </span>
                ),
              },
              { header: 'Environments', cell: (p) => <Environments projectId={p.id} editable={editable} /> },
              {
                header: 'Active keys',
                className: 'cell-number',
                cell: (p) => `${p.active_key_count} / ${p.key_limit}`,
              },
              {
                header: 'Actions',
                hiddenHeader: true,
                className: 'cell-actions',
                // The default project keeps its name and cannot be deleted (409): no buttons for it.
                cell: (p) =>
                  editable && p.name !== 'default' ? (
                    <span className="row-actions row-actions-stacked">
                      <button type="button" className="button button-small" onClick={() => setRenaming(p)}>
                        Rename
                      </button>
                      <button
                        type="button"
                        className="button button-small button-danger-ghost"
                        onClick={() => setDeleting(p)}
                      >
                        Delete
                      </button>
                    </span>
                  ) : null,
              },
            ]}
          />
        )}
      </QueryState>
      {editable && (
        <form className="row" onSubmit={submit} noValidate>
          <Field
            label="New project"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="mobile-app"
            error={fieldErrors.name}
          />
          <button type="submit" className="button" disabled={busy || !name.trim()}>
            Create project
          </button>
          <FormStatus formError={formError} done={done} />
        </form>
      )}
      {renaming && <RenameProjectDialog project={renaming} onClose={() => setRenaming(null)} />}
      {deleting && (
        <ConfirmDialog
          title={`Delete the project “${deleting.name}”?`}
          confirmLabel="Delete project"
          danger
          typeToConfirm={deleting.name}
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await unwrap(api.DELETE('/api/v1/projects/{id}', { params: { path: { id: deleting.id } } }));
            await queryClient.invalidateQueries({ queryKey: ['projects'] });
          }}
        >
          <p>
            A project with keys that still work cannot be deleted: revoke them first. Its revoked and expired
            keys leave the lists; the audit log keeps their history.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

export const SETTINGS_DESCRIPTION = 'Your account, and how this tenant is secured.';

export function SettingsPage() {
  const account = useAccount();
  const security = useQuery({
    queryKey: ['settings', 'security'],
    queryFn: () => unwrap(api.GET('/api/v1/settings/security')),
  });
  const isAdmin = atLeast(account.data?.role, 'admin');
  return (
    <>
      <PageHeader title="Settings" description={SETTINGS_DESCRIPTION} />
      <SettingsTabs />
      <QueryState query={account}>
        {(a) => (
          <>
            <Section id="account-title" title="Account" description="How your teammates see you.">
              <AccountForm account={a} />
            </Section>
            <Section
              id="password-title"
              title="Password"
              description="Changing it signs out every other session."
            >
              <PasswordForm account={a} />
            </Section>
          </>
        )}
      </QueryState>
      <Section
        id="security-title"
        title="Security"
        description="Key expiry policy, IP allow-list for API keys, and session length."
      >
        <QueryState query={security}>
          {(s) => <SecurityForm key={JSON.stringify(s)} settings={s} editable={isAdmin} />}
        </QueryState>
      </Section>
      <Section
        id="projects-title"
        title="Projects and environments"
        description="Keys belong to an environment of a project; live environments mint sk_live_ keys, test ones sk_test_."
      >
        <Projects editable={isAdmin} />
      </Section>
    </>
  );
}
