import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { api, describeError, unwrap } from '../api/client';
import { Link, navigate, useLocation } from '../router';
import { useAccount } from '../roles';
import { clearSession, setSession } from '../session';

const NAV: { to: string; label: string; icon: string }[] = [
  { to: '/app', label: 'Overview', icon: 'M3 12l9-8 9 8M5 10v10h14V10' },
  { to: '/app/keys', label: 'API keys', icon: 'M15 7a4 4 0 1 1-3.9 5H3v3h3v3h3v-3h2.1A4 4 0 0 1 15 7z' },
  {
    to: '/app/collections',
    label: 'Collections',
    icon: 'M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3-3.6 3-8 3-8-1.3-8-3zm0 0v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3',
  },
  { to: '/app/upload', label: 'Upload', icon: 'M12 16V4m0 0l-5 5m5-5l5 5M4 20h16' },
  { to: '/app/search', label: 'Search', icon: 'M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zm10 3l-5-5' },
  { to: '/app/usage', label: 'Usage & plan', icon: 'M4 20V10m6 10V4m6 16v-7m6 7H2' },
  {
    to: '/app/team',
    label: 'Team',
    icon: 'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7 10a7 7 0 0 1 14 0m1-10a3 3 0 1 0 0-6m5 16a6 6 0 0 0-4-5.6',
  },
  { to: '/app/audit', label: 'Audit log', icon: 'M8 6h12M8 12h12M8 18h12M4 6h.01M4 12h.01M4 18h.01' },
  {
    to: '/app/settings',
    label: 'Settings',
    icon: 'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm7.4-3a7.4 7.4 0 0 0-.1-1.2l2-1.6-2-3.4-2.4 1a7.4 7.4 0 0 0-2-1.2L14.5 3h-5l-.4 2.6a7.4 7.4 0 0 0-2 1.2l-2.4-1-2 3.4 2 1.6a7.4 7.4 0 0 0 0 2.4l-2 1.6 2 3.4 2.4-1a7.4 7.4 0 0 0 2 1.2l.4 2.6h5l.4-2.6a7.4 7.4 0 0 0 2-1.2l2.4 1 2-3.4-2-1.6c.1-.4.1-.8.1-1.2z',
  },
];

function Icon({ path }: { path: string }) {
  return (
    <svg className="nav-icon" viewBox="0 0 24 24" aria-hidden="true">
      <path d={path} />
    </svg>
  );
}

function TenantSwitcher() {
  const queryClient = useQueryClient();
  const account = useAccount();
  const tenants = useQuery({
    queryKey: ['tenants'],
    queryFn: () => unwrap(api.GET('/api/v1/portal/tenants')),
    staleTime: 60_000,
  });
  const [error, setError] = useState<string | null>(null);
  const list = tenants.data?.tenants ?? [];
  const currentId = account.data?.tenant_id;
  const current = list.find((t) => t.tenant_id === currentId);

  const switchTo = async (tenantId: string) => {
    setError(null);
    try {
      const answer = await unwrap(
        api.POST('/api/v1/portal/auth/switch-tenant', { body: { tenant_id: tenantId } }),
      );
      setSession(answer.access_token, answer.expires_in);
      queryClient.clear();
      navigate('/app');
    } catch (e) {
      setError(describeError(e));
    }
  };

  if (list.length <= 1) {
    return (
      <div className="tenant">
        <span className="tenant-name">{current?.name ?? '…'}</span>
        {current && <span className="tenant-plan">{current.plan} plan</span>}
      </div>
    );
  }
  return (
    <div className="tenant">
      <label className="visually-hidden" htmlFor="tenant-switcher">
        Tenant
      </label>
      <select id="tenant-switcher" value={currentId ?? ''} onChange={(e) => void switchTo(e.target.value)}>
        {list.map((t) => (
          <option key={t.tenant_id} value={t.tenant_id}>
            {t.name} ({t.role})
          </option>
        ))}
      </select>
      {current && <span className="tenant-plan">{current.plan} plan</span>}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  const account = useAccount();
  const queryClient = useQueryClient();
  const logOut = () => {
    clearSession();
    queryClient.clear();
    navigate('/app/login');
  };
  const isCurrent = (to: string) =>
    to === '/app' ? pathname === '/app' || pathname === '/app/' : pathname.startsWith(to);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Cistern
        </div>
        <TenantSwitcher />
        <nav aria-label="Main">
          <ul className="nav">
            {NAV.map((item) => (
              <li key={item.to}>
                <Link
                  to={item.to}
                  className="nav-link"
                  aria-current={isCurrent(item.to) ? 'page' : undefined}
                >
                  <Icon path={item.icon} />
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sidebar-footer">
          {account.data && (
            <div className="whoami">
              <span className="whoami-email" title={account.data.email}>
                {account.data.display_name || account.data.email}
              </span>
              <span className="whoami-role">{account.data.role}</span>
            </div>
          )}
          <div className="sidebar-links">
            <a href="/api/docs" target="_blank" rel="noreferrer">
              API docs
            </a>
            <button type="button" className="link-button" onClick={logOut}>
              Log out
            </button>
          </div>
        </div>
      </aside>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
