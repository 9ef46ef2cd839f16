import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap, type Schemas } from '../api/client';
import { planNameValues } from '../api/schema';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DataTable } from '../components/DataTable';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { QueryState } from '../components/QueryState';
import { UsageMeter } from '../components/UsageMeter';
import { currentPeriod, formatCount, formatDateTime, formatEuros } from '../format';
import { useUsage } from '../queries';
import { useSearchParams } from '../router';
import { useRole } from '../roles';

type Plan = Schemas['PlanName'];

export function UsagePage() {
  const role = useRole();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const thisMonth = currentPeriod();
  const period = params.get('period') ?? thisMonth;
  const usage = useUsage(period === thisMonth ? undefined : period);
  const analytics = useQuery({
    queryKey: ['analytics', period],
    queryFn: () => unwrap(api.GET('/api/v1/portal/analytics', { params: { query: { period } } })),
  });
  const [plan, setPlan] = useState<Plan | ''>('');
  const [confirming, setConfirming] = useState(false);

  return (
    <>
      <PageHeader
        title="Usage & plan"
        description="Searches are counted per UTC month; records are what is stored now."
        actions={
          <label className="inline-field">
            <span>Month</span>
            <input
              type="month"
              value={period}
              max={thisMonth}
              onChange={(e) =>
                setParams({ period: e.target.value && e.target.value !== thisMonth ? e.target.value : null })
              }
            />
          </label>
        }
      />
      <QueryState query={usage}>
        {(u) => (
          <>
            <div className="columns">
              <section className="card" aria-labelledby="meters-title">
                <h2 id="meters-title">{period === thisMonth ? 'This month' : period}</h2>
                <div className="stack">
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
                </div>
              </section>
              <section className="card card-aside" aria-labelledby="plan-title">
                <h2 id="plan-title">Plan</h2>
                <p className="plan-name">{u.plan}</p>
                <dl className="details details-stacked">
                  <div>
                    <dt>Requests</dt>
                    <dd>{formatCount(u.rate_limit.requests_per_minute)} per minute</dd>
                  </div>
                  <div>
                    <dt>Searches</dt>
                    <dd>{formatCount(u.rate_limit.search_per_minute)} per minute</dd>
                  </div>
                  <div>
                    <dt>Collections</dt>
                    <dd>
                      {u.rate_limit.max_collections < 0
                        ? 'No limit'
                        : `At most ${u.rate_limit.max_collections}`}
                    </dd>
                  </div>
                  <div>
                    <dt>Overage</dt>
                    <dd>
                      {u.allows_overage
                        ? 'Billed past the included searches'
                        : 'Not allowed: searches stop at the quota'}
                    </dd>
                  </div>
                </dl>
                {role === 'owner' && (
                  <div className="stack-tight plan-change">
                    <label className="field">
                      <span className="field-label">Change plan</span>
                      <select value={plan || u.plan} onChange={(e) => setPlan(e.target.value as Plan)}>
                        {planNameValues.map((p) => (
                          <option key={p} value={p}>
                            {p}
                          </option>
                        ))}
                      </select>
                    </label>
                    <button
                      type="button"
                      className="button"
                      disabled={!plan || plan === u.plan}
                      onClick={() => setConfirming(true)}
                    >
                      Change plan
                    </button>
                  </div>
                )}
              </section>
            </div>
            <section className="card card-flush" aria-labelledby="bill-title">
              <div className="card-header card-header-padded">
                <h2 id="bill-title">Overage</h2>
                <span className="strong">Estimated {formatEuros(u.estimated_overage_total)}</span>
              </div>
              <DataTable
                label="Overage by metric"
                rows={[
                  { metric: 'Searches', m: u.searches },
                  { metric: 'Records', m: u.records },
                ]}
                rowKey={(r) => r.metric}
                columns={[
                  { header: 'Metric', cell: (r) => r.metric },
                  { header: 'Used', className: 'cell-number', cell: (r) => formatCount(r.m.used) },
                  {
                    header: 'Included',
                    className: 'cell-number',
                    cell: (r) => (r.m.included === null ? '—' : formatCount(r.m.included)),
                  },
                  { header: 'Overage', className: 'cell-number', cell: (r) => formatCount(r.m.overage) },
                  { header: 'Cost', className: 'cell-number', cell: (r) => formatEuros(r.m.overage_cost) },
                ]}
              />
            </section>
            {confirming && plan && (
              <ConfirmDialog
                title={`Move to the ${plan} plan?`}
                confirmLabel="Change plan"
                onClose={() => setConfirming(false)}
                onConfirm={async () => {
                  await unwrap(api.PUT('/api/v1/portal/plan', { body: { plan } }));
                  setPlan('');
                  for (const key of [['usage'], ['collections'], ['tenants'], ['projects']])
                    void queryClient.invalidateQueries({ queryKey: key });
                }}
              >
                <p>
                  The new limits apply at once. A smaller plan deletes nothing, but a tenant over its record
                  cap cannot add records.
                </p>
              </ConfirmDialog>
            )}
          </>
        )}
      </QueryState>
      <section className="card card-flush" aria-labelledby="analytics-title">
        <div className="card-header card-header-padded">
          <h2 id="analytics-title">Open search</h2>
          {analytics.data && (
            <span className="muted">
              {formatCount(analytics.data.total_open_searches)} open searches showed your public records
            </span>
          )}
        </div>
        <QueryState query={analytics}>
          {(a) => (
            <DataTable
              label="Open-search analytics by collection"
              rows={a.collections}
              rowKey={(c) => c.collection}
              columns={[
                { header: 'Collection', cell: (c) => c.collection },
                { header: 'Records', className: 'cell-number', cell: (c) => formatCount(c.record_count) },
                { header: 'Public', className: 'cell-number', cell: (c) => formatCount(c.public_count) },
                {
                  header: 'Open searches',
                  className: 'cell-number',
                  cell: (c) => formatCount(c.open_searches),
                },
                { header: 'Last updated', cell: (c) => formatDateTime(c.last_updated) },
              ]}
              empty={
                <EmptyState title="No collections">
                  Public records appear in open search, without a key.
                </EmptyState>
              }
            />
          )}
        </QueryState>
      </section>
    </>
  );
}
