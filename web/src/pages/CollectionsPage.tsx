import { Badge } from '../components/Badge';
import { DataTable } from '../components/DataTable';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { QueryState } from '../components/QueryState';
import { UsageMeter } from '../components/UsageMeter';
import { formatCount } from '../format';
import { useCollections } from '../queries';
import { Link, navigate } from '../router';
import { atLeast, useRole } from '../roles';

export function CollectionsPage() {
  const role = useRole();
  const collections = useCollections();
  const canWrite = atLeast(role, 'developer');
  return (
    <>
      <PageHeader
        title="Collections"
        description="Collections hold your records, one schema per record type."
        actions={
          canWrite && (
            <Link className="button button-primary" to="/app/collections/new">
              Define schema
            </Link>
          )
        }
      />
      <QueryState query={collections}>
        {(data) => (
          <>
            <section className="card">
              <UsageMeter
                label={`Records on the ${data.plan} plan`}
                used={data.total_records}
                included={data.record_limit}
                unit="records"
              />
            </section>
            <section className="card card-flush">
              <DataTable
                label="Collections"
                rows={data.collections}
                rowKey={(c) => c.name}
                onRowClick={(c) => navigate(`/app/collections/${encodeURIComponent(c.name)}`)}
                columns={[
                  {
                    header: 'Name',
                    cell: (c) => (
                      <Link className="strong-link" to={`/app/collections/${encodeURIComponent(c.name)}`}>
                        {c.name}
                      </Link>
                    ),
                  },
                  {
                    header: 'Record types',
                    cell: (c) =>
                      c.record_types.length ? c.record_types.join(', ') : <span className="muted">none</span>,
                  },
                  { header: 'Records', className: 'cell-number', cell: (c) => formatCount(c.total_records) },
                  { header: 'Indexed', className: 'cell-number', cell: (c) => formatCount(c.indexed) },
                  {
                    header: 'Pending',
                    className: 'cell-number',
                    cell: (c) => formatCount(c.pending + c.processing),
                  },
                  {
                    header: 'Failed',
                    className: 'cell-number',
                    cell: (c) => (c.failed > 0 ? <Badge tone="danger">{formatCount(c.failed)}</Badge> : '0'),
                  },
                  {
                    header: 'State',
                    cell: (c) =>
                      c.has_pending_replace ? (
                        <Badge tone="info">replace in progress</Badge>
                      ) : c.pending + c.processing > 0 ? (
                        <Badge tone="warning">indexing</Badge>
                      ) : (
                        <Badge tone="success">ready</Badge>
                      ),
                  },
                ]}
                empty={
                  <EmptyState
                    title="No collections yet"
                    action={
                      canWrite && (
                        <Link className="button button-primary" to="/app/collections/new">
                          Define schema
                        </Link>
                      )
                    }
                  >
                    A collection is created by its first schema or its first upload.
                  </EmptyState>
                }
              />
            </section>
          </>
        )}
      </QueryState>
    </>
  );
}
