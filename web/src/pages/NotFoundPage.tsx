import { EmptyState } from '../components/EmptyState';
import { Link } from '../router';

export function NotFoundPage() {
  return (
    <EmptyState
      title="Page not found"
      action={
        <Link className="button" to="/app">
          Back to the overview
        </Link>
      }
    >
      There is no dashboard page at this address.
    </EmptyState>
  );
}
