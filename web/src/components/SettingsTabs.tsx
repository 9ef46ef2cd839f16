import { Link, useLocation } from '../router';
import { atLeast, useRole } from '../roles';

const TABS: [to: string, label: string][] = [
  ['/app/settings', 'General'],
  ['/app/settings/webhooks', 'Webhooks'],
];

/** Settings has two pages; the second (webhooks) is for admins only, so others see no tabs at all. */
export function SettingsTabs() {
  const role = useRole();
  const { pathname } = useLocation();
  if (!atLeast(role, 'admin')) return null;
  const current = (to: string) =>
    to === '/app/settings' ? pathname.replace(/\/+$/, '') === to : pathname.startsWith(to);
  return (
    <nav className="tabs" aria-label="Settings pages">
      {TABS.map(([to, label]) => (
        <Link key={to} to={to} aria-current={current(to) ? 'page' : undefined}>
          {label}
        </Link>
      ))}
    </nav>
  );
}
