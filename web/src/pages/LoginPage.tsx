import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, api, describeError, unwrap } from '../api/client';
import { AuthCard } from '../components/AuthCard';
import { Field } from '../components/Field';
import { Link, navigate, useLocation } from '../router';
import { setSession, useSession } from '../session';

/** Only paths of this app: never an open redirect to another site. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/app';
}

export function LoginPage() {
  const { search } = useLocation();
  const queryClient = useQueryClient();
  const next = safeNext(search.get('next'));
  const ended = search.get('ended') === '1';
  const session = useSession();
  const [busy, setBusy] = useState(false);
  // Already signed in (a bookmarked login page): straight on.
  useEffect(() => {
    if (session && !busy) navigate(next, { replace: true });
  }, [session, busy, next]);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await unwrap(api.POST('/api/v1/portal/auth/login', { body: { email, password } }));
      queryClient.clear();
      setSession(answer.access_token, answer.expires_in);
      navigate(next, { replace: true });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const fieldErrors = error instanceof ApiError ? error.fieldErrors() : {};

  return (
    <AuthCard
      title="Log in"
      subtitle="Welcome back. Log in to manage your keys, data and team."
      footer={
        <>
          New to Cistern?{' '}
          <Link to={`/app/signup${next !== '/app' ? `?next=${encodeURIComponent(next)}` : ''}`}>Sign up</Link>
        </>
      }
    >
      {ended && (
        <div className="callout callout-info" role="status">
          <strong>Your session ended.</strong>
          <p>Log in again to continue where you were.</p>
        </div>
      )}
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
        <Field
          label="Email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fieldErrors.email}
        />
        <Field
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldErrors.password}
        />
        {error !== null && Object.keys(fieldErrors).length === 0 && (
          <p className="form-error" role="alert">
            {describeError(error)}
          </p>
        )}
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </AuthCard>
  );
}
