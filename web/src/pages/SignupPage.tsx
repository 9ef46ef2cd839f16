import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, api, describeError, unwrap } from '../api/client';
import { AuthCard } from '../components/AuthCard';
import { Field } from '../components/Field';
import { Link, navigate, useLocation } from '../router';
import { setSession } from '../session';
import { safeNext } from './LoginPage';

export function SignupPage() {
  const { search } = useLocation();
  const queryClient = useQueryClient();
  const next = safeNext(search.get('next'));
  const [form, setForm] = useState({ email: '', password: '', display_name: '', company: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await unwrap(
        api.POST('/api/v1/portal/auth/signup', {
          body: {
            email: form.email,
            password: form.password,
            ...(form.display_name.trim() ? { display_name: form.display_name.trim() } : {}),
            ...(form.company.trim() ? { company: form.company.trim() } : {}),
          },
        }),
      );
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
      title="Create your account"
      subtitle="A tenant on the free plan, with a default project, is created for you."
      footer={
        <>
          Already have an account?{' '}
          <Link to={`/app/login${next !== '/app' ? `?next=${encodeURIComponent(next)}` : ''}`}>Log in</Link>
        </>
      }
    >
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
        <Field
          label="Email"
          type="email"
          autoComplete="email"
          required
          value={form.email}
          onChange={set('email')}
          error={fieldErrors.email}
        />
        <Field
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          value={form.password}
          onChange={set('password')}
          hint="At least 10 characters."
          error={fieldErrors.password}
        />
        <div className="grid-2">
          <Field
            label="Your name"
            autoComplete="name"
            value={form.display_name}
            onChange={set('display_name')}
            error={fieldErrors.display_name}
            hint="Optional"
          />
          <Field
            label="Company"
            autoComplete="organization"
            value={form.company}
            onChange={set('company')}
            error={fieldErrors.company}
            hint="Optional"
          />
        </div>
        {error !== null && Object.keys(fieldErrors).length === 0 && (
          <p className="form-error" role="alert">
            {describeError(error)}
          </p>
        )}
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? 'Creating account…' : 'Sign up'}
        </button>
      </form>
    </AuthCard>
  );
}
