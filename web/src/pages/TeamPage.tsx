import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, api, describeError, unwrap, type Schemas } from '../api/client';
import { roleValues } from '../api/schema';
import { Badge } from '../components/Badge';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DataTable } from '../components/DataTable';
import { FormDialog } from '../components/FormDialog';
import { EmptyState } from '../components/EmptyState';
import { Field } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { QueryState } from '../components/QueryState';
import { formatDate, formatDateTime } from '../format';
import { atLeast, useAccount, type Role } from '../roles';

type Member = Schemas['MemberDto'];
type Invitation = Schemas['InvitationDto'];

/** Roles this person may hand out: admins up to admin, owners every role (rules §2). */
const assignableRoles = (mine: Role | undefined): Role[] =>
  mine === 'owner' ? [...roleValues] : atLeast(mine, 'admin') ? roleValues.filter((r) => r !== 'owner') : [];

/** The server's refusal, with the one rule people trip over spelled out. */
function explain(error: unknown): string {
  if (error instanceof ApiError && error.code === 'last_owner') {
    return `${error.body.detail} A tenant always keeps at least one active owner: make another member owner first.`;
  }
  return describeError(error);
}

function InviteDialog({ roles, onClose }: { roles: Role[]; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>(roles.includes('developer') ? 'developer' : roles[0]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await unwrap(api.POST('/api/v1/team/invitations', { body: { email: email.trim(), role } }));
      void queryClient.invalidateQueries({ queryKey: ['invitations'] });
      onClose();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const fieldErrors = error instanceof ApiError ? error.fieldErrors() : {};
  return (
    <FormDialog
      title="Invite a member"
      submitLabel="Send invitation"
      busyLabel="Sending…"
      busy={busy}
      ready={Boolean(email.trim())}
      onClose={onClose}
      onSubmit={(e) => void submit(e)}
    >
      <Field
        label="Email"
        type="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={fieldErrors.email}
        autoFocus
      />
      <label className="field">
        <span className="field-label">Role</span>
        <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <p className="field-hint">
        The invitation link is valid for 7 days. The email is sent in the background; its status shows in the
        list.
      </p>
      {error !== null && Object.keys(fieldErrors).length === 0 && (
        <p className="form-error" role="alert">
          {describeError(error)}
        </p>
      )}
    </FormDialog>
  );
}

type Pending =
  { kind: 'remove'; member: Member } | { kind: 'revoke'; invitation: Invitation } | { kind: 'invite' };

export function TeamPage() {
  const account = useAccount();
  const me = account.data;
  const queryClient = useQueryClient();
  const members = useQuery({ queryKey: ['members'], queryFn: () => unwrap(api.GET('/api/v1/team/members')) });
  const invitations = useQuery({
    queryKey: ['invitations'],
    queryFn: () => unwrap(api.GET('/api/v1/team/invitations')),
    refetchInterval: (q) =>
      q.state.data?.invitations.some((i) => i.status === 'pending' && i.email_dispatch_status === 'queued')
        ? 1500
        : false,
  });
  const [pending, setPending] = useState<Pending | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const isAdmin = atLeast(me?.role, 'admin');
  const roles = assignableRoles(me?.role);
  const mayManage = (m: Member) =>
    isAdmin && m.user_id !== me?.user_id && (me?.role === 'owner' || m.role !== 'owner');

  const act = async (work: Promise<unknown>) => {
    setActionError(null);
    try {
      await work;
    } catch (e) {
      setActionError(explain(e));
    } finally {
      void queryClient.invalidateQueries({ queryKey: ['members'] });
    }
  };

  return (
    <>
      <PageHeader
        title="Team"
        description="Everyone with access to this tenant, and the invitations still open."
        actions={
          isAdmin && (
            <button
              type="button"
              className="button button-primary"
              onClick={() => setPending({ kind: 'invite' })}
            >
              Invite member
            </button>
          )
        }
      />
      {actionError && (
        <div className="callout callout-danger" role="alert">
          <strong>That change was refused</strong>
          <p>{actionError}</p>
        </div>
      )}
      <section className="card card-flush" aria-labelledby="members-title">
        <div className="card-header card-header-padded">
          <h2 id="members-title">Members</h2>
        </div>
        <QueryState query={members}>
          {(data) => (
            <DataTable<Member>
              label="Members"
              rows={data.members}
              rowKey={(m) => m.user_id}
              columns={[
                {
                  header: 'Member',
                  cell: (m) => (
                    <span className="stack-tight">
                      <span className="strong">{m.display_name || m.email}</span>
                      {m.display_name && <span className="muted">{m.email}</span>}
                    </span>
                  ),
                },
                {
                  header: 'Role',
                  cell: (m) =>
                    mayManage(m) ? (
                      <select
                        aria-label={`Role of ${m.email}`}
                        value={m.role}
                        onChange={(e) =>
                          void act(
                            unwrap(
                              api.PATCH('/api/v1/team/members/{user_id}', {
                                params: { path: { user_id: m.user_id } },
                                body: { role: e.target.value as Role },
                              }),
                            ),
                          )
                        }
                      >
                        {(roles.includes(m.role) ? roles : [m.role, ...roles]).map((r) => (
                          <option key={r} value={r}>
                            {r}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <span>
                        {m.role}
                        {m.user_id === me?.user_id ? ' (you)' : ''}
                      </span>
                    ),
                },
                { header: 'Status', cell: (m) => <Badge>{m.status}</Badge> },
                { header: 'Joined', cell: (m) => formatDate(m.joined_at) },
                {
                  header: 'Actions',
                  hiddenHeader: true,
                  className: 'cell-actions',
                  cell: (m) =>
                    mayManage(m) ? (
                      <span className="row-actions">
                        {m.status === 'blocked' ? (
                          <button
                            type="button"
                            className="button button-small"
                            onClick={() =>
                              void act(
                                unwrap(
                                  api.POST('/api/v1/team/members/{user_id}/unblock', {
                                    params: { path: { user_id: m.user_id } },
                                  }),
                                ),
                              )
                            }
                          >
                            Unblock
                          </button>
                        ) : (
                          <button
                            type="button"
                            className="button button-small"
                            onClick={() =>
                              void act(
                                unwrap(
                                  api.POST('/api/v1/team/members/{user_id}/block', {
                                    params: { path: { user_id: m.user_id } },
                                  }),
                                ),
                              )
                            }
                          >
                            Block
                          </button>
                        )}
                        <button
                          type="button"
                          className="button button-small button-danger-ghost"
                          onClick={() => setPending({ kind: 'remove', member: m })}
                        >
                          Remove
                        </button>
                      </span>
                    ) : null,
                },
              ]}
            />
          )}
        </QueryState>
      </section>
      <section className="card card-flush" aria-labelledby="invitations-title">
        <div className="card-header card-header-padded">
          <h2 id="invitations-title">Invitations</h2>
        </div>
        <QueryState query={invitations}>
          {(data) => (
            <DataTable<Invitation>
              label="Invitations"
              rows={data.invitations}
              rowKey={(i) => i.invitation_id}
              columns={[
                { header: 'Email', cell: (i) => i.email },
                { header: 'Role', cell: (i) => i.role },
                { header: 'Status', cell: (i) => <Badge>{i.status}</Badge> },
                { header: 'Email delivery', cell: (i) => <Badge>{i.email_dispatch_status}</Badge> },
                { header: 'Expires', cell: (i) => formatDateTime(i.expires_at) },
                {
                  header: 'Actions',
                  hiddenHeader: true,
                  className: 'cell-actions',
                  cell: (i) =>
                    isAdmin && i.status === 'pending' ? (
                      <button
                        type="button"
                        className="button button-small button-danger-ghost"
                        onClick={() => setPending({ kind: 'revoke', invitation: i })}
                      >
                        Revoke
                      </button>
                    ) : null,
                },
              ]}
              empty={
                <EmptyState title="No invitations">
                  {isAdmin ? 'Invite teammates to share this tenant.' : 'Admins can invite teammates.'}
                </EmptyState>
              }
            />
          )}
        </QueryState>
      </section>
      {pending?.kind === 'invite' && <InviteDialog roles={roles} onClose={() => setPending(null)} />}
      {pending?.kind === 'remove' && (
        <ConfirmDialog
          title={`Remove ${pending.member.email}?`}
          confirmLabel="Remove member"
          danger
          onClose={() => setPending(null)}
          onConfirm={async () => {
            try {
              await unwrap(
                api.DELETE('/api/v1/team/members/{user_id}', {
                  params: { path: { user_id: pending.member.user_id } },
                }),
              );
            } catch (e) {
              throw new Error(explain(e));
            }
            void queryClient.invalidateQueries({ queryKey: ['members'] });
          }}
        >
          <p>They lose access to this tenant at once. Keys they created keep working.</p>
        </ConfirmDialog>
      )}
      {pending?.kind === 'revoke' && (
        <ConfirmDialog
          title={`Revoke the invitation for ${pending.invitation.email}?`}
          confirmLabel="Revoke invitation"
          danger
          onClose={() => setPending(null)}
          onConfirm={async () => {
            await unwrap(
              api.DELETE('/api/v1/team/invitations/{id}', {
                params: { path: { id: pending.invitation.invitation_id } },
              }),
            );
            void queryClient.invalidateQueries({ queryKey: ['invitations'] });
          }}
        >
          <p>The link in the email stops working.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
