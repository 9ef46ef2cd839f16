import { ApiError, describeError } from '../api/client';

/** An error as a message: a 403 says what is missing instead of leaving the page blank. */
export function ErrorMessage({ error, title }: { error: unknown; title?: string }) {
  if (error instanceof ApiError && error.status === 403) {
    const scopes = error.body.required_scopes;
    return (
      <div className="callout callout-warning" role="alert">
        <strong>{title ?? 'You do not have access to this'}</strong>
        <p>
          {error.body.detail}
          {scopes && scopes.length > 0 ? ` (needs ${scopes.join(', ')})` : ''}
        </p>
        <p className="muted">Ask an admin or owner of this tenant if you need it.</p>
      </div>
    );
  }
  return (
    <div className="callout callout-danger" role="alert">
      <strong>{title ?? 'Something went wrong'}</strong>
      <p>{describeError(error)}</p>
    </div>
  );
}

/** A refusal decided in the page (the role cannot do this), shown like the server's 403. */
export function forbidden(detail: string): ApiError {
  return new ApiError(403, { detail, error: 'forbidden' });
}
