import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';
import { PageHeader } from '../components/PageHeader';
import { useUsage } from '../queries';
import { QueryState } from '../components/QueryState';
import { UsageMeter } from '../components/UsageMeter';
import { formatDateTime } from '../format';
import { Link } from '../router';

const STEP_LINKS: Record<Schemas['QuickstartStep'], { to: string; action: string; help: string }> = {
  create_api_key: {
    to: '/app/keys',
    action: 'Create a key',
    help: 'Applications and agents call the API with a scoped key.',
  },
  define_schema: {
    to: '/app/collections/new',
    action: 'Define a schema',
    help: 'Name the fields of your records, their types, and which are searchable.',
  },
  upload_data: {
    to: '/app/upload',
    action: 'Upload a file',
    help: 'CSV, JSON or NDJSON, indexed in the background.',
  },
  first_search: {
    to: '/app/search',
    action: 'Try a search',
    help: 'Full-text search with typo tolerance and filters.',
  },
};

export function OverviewPage() {
  const quickstart = useQuery({
    queryKey: ['quickstart'],
    queryFn: () => unwrap(api.GET('/api/v1/portal/quickstart')),
  });
  const usage = useUsage();

  return (
    <>
      <PageHeader title="Overview" description="Get started, and keep an eye on this month's quotas." />
      <section className="card" aria-labelledby="quickstart-title">
        <QueryState query={quickstart}>
          {(data) => {
            const done = data.steps.filter((s) => s.completed).length;
            return (
              <>
                <div className="card-header">
                  <h2 id="quickstart-title">Quickstart</h2>
                  <span className="muted" aria-live="polite">
                    {done} of {data.steps.length} completed
                  </span>
                </div>
                <progress
                  className="quickstart-progress"
                  max={data.steps.length}
                  value={done}
                  aria-label="Quickstart progress"
                />
                <ol className="checklist">
                  {data.steps.map((step) => {
                    const link = STEP_LINKS[step.id];
                    return (
                      <li key={step.id} className={step.completed ? 'done' : undefined}>
                        <span className="check" aria-hidden="true">
                          {step.completed ? '✓' : ''}
                        </span>
                        <div className="checklist-text">
                          <span className="checklist-title">
                            {step.title}
                            <span className="visually-hidden">{step.completed ? ' (done)' : ' (to do)'}</span>
                          </span>
                          <span className="muted">
                            {step.completed && step.completed_at
                              ? `Done ${formatDateTime(step.completed_at)}`
                              : link.help}
                          </span>
                        </div>
                        {!step.completed && (
                          <Link className="button button-small" to={link.to}>
                            {link.action}
                          </Link>
                        )}
                      </li>
                    );
                  })}
                </ol>
              </>
            );
          }}
        </QueryState>
      </section>
      <section className="card" aria-labelledby="quota-title">
        <div className="card-header">
          <h2 id="quota-title">This month</h2>
          <Link to="/app/usage">Usage & plan →</Link>
        </div>
        <QueryState query={usage}>
          {(u) => (
            <div className="grid-2">
              <UsageMeter
                label="Records"
                used={u.records.used}
                included={u.records.included}
                unit="records"
              />
              <UsageMeter
                label="Searches"
                used={u.searches.used}
                included={u.searches.included}
                unit="searches"
              />
              <p className="muted">
                Plan <strong>{u.plan}</strong> · {u.rate_limit.requests_per_minute} requests/min ·{' '}
                {u.rate_limit.search_per_minute} searches/min
              </p>
            </div>
          )}
        </QueryState>
      </section>
    </>
  );
}
