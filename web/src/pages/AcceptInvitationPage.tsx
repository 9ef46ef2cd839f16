import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, api, unwrap } from '../api/client';
import { AuthCard } from '../components/AuthCard';
import { ErrorMessage } from '../components/ErrorMessage';
import { Link, navigate, useLocation } from '../router';
import { useAccount } from '../roles';
import { clearSession, setSession, useSession } from '../session';

/** The link of the invitation mail: log in (or sign up) as the invited email, then accept. */
export function AcceptInvitationPage() {
  const { search, href } = useLocation();
  const session = useSession();
  const queryClient = useQueryClient();
  const token = search.get('token') ?? '';
  const account = useAccount();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const here = encodeURIComponent(href);

  if (!token) {
    return (
      <AuthCard title="Invitation link incomplete">
        <p>This link has no invitation token. Open the link from the invitation email again.</p>
      </AuthCard>
    );
  }
  if (!session) {
    return (
      <AuthCard title="You have been invited" subtitle="Join your team on Cistern.">
        <p>
          Log in, or sign up, with the email address the invitation was sent to. You will come back here to
          accept it.
        </p>
        <div className="row">
          <Link className="button button-primary" to={`/app/login?next=${here}`}>
            Log in
          </Link>
          <Link className="button" to={`/app/signup?next=${here}`}>
            Sign up
          </Link>
        </div>
      </AuthCard>
    );
  }

  const accept = async () => {
    setBusy(true);
    setError(null);
    try {
      const answer = await unwrap(api.POST('/api/v1/portal/invitations/accept', { body: { token } }));
      queryClient.clear();
      setSession(answer.access_token, answer.expires_in);
      navigate('/app', { replace: true });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const otherEmail = error instanceof ApiError && error.status === 403;

  return (
    <AuthCard
      title="Accept the invitation"
      subtitle={account.data ? `Signed in as ${account.data.email}` : undefined}
    >
      <p>Accepting adds this account to the inviting tenant, with the role the invitation gives.</p>
      {error !== null && (
        <ErrorMessage
          error={error}
          title={
            otherEmail ? 'This invitation is for another email address' : 'The invitation cannot be accepted'
          }
        />
      )}
      <div className="row">
        <button type="button" className="button button-primary" disabled={busy} onClick={() => void accept()}>
          {busy ? 'Accepting…' : 'Accept invitation'}
        </button>
        {otherEmail && (
          <button
            type="button"
            className="button"
            onClick={() => {
              clearSession();
              queryClient.clear();
              navigate(`/app/login?next=${here}`);
            }}
          >
            Log in as someone else
          </button>
        )}
      </div>
    </AuthCard>
  );
}
