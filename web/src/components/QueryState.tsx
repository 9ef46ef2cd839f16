import type { ReactNode } from 'react';
import { ErrorMessage } from './ErrorMessage';

interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
}

/** Loading, error (403 as a message) or the content, for one query. */
export function QueryState<T>({
  query,
  children,
  label = 'Loading…',
}: {
  query: QueryLike<T>;
  children: (data: T) => ReactNode;
  label?: string;
}) {
  if (query.error) return <ErrorMessage error={query.error} />;
  if (query.isPending || query.data === undefined) return <Loading label={label} />;
  return <>{children(query.data)}</>;
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}
