import { useEffect, type ReactNode } from 'react';
import { loginUrl } from './api/client';
import { Layout } from './components/Layout';
import { AcceptInvitationPage } from './pages/AcceptInvitationPage';
import { AuditPage } from './pages/AuditPage';
import { CollectionPage } from './pages/CollectionPage';
import { CollectionsPage } from './pages/CollectionsPage';
import { KeyPage } from './pages/KeyPage';
import { KeysPage } from './pages/KeysPage';
import { LoginPage } from './pages/LoginPage';
import { NewSchemaPage } from './pages/NewSchemaPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OverviewPage } from './pages/OverviewPage';
import { SearchPage } from './pages/SearchPage';
import { SettingsPage } from './pages/SettingsPage';
import { SignupPage } from './pages/SignupPage';
import { TeamPage } from './pages/TeamPage';
import { UploadPage } from './pages/UploadPage';
import { UsagePage } from './pages/UsagePage';
import { WebhookEndpointPage } from './pages/WebhookEndpointPage';
import { WebhooksPage } from './pages/WebhooksPage';
import { matchPath, navigate, useLocation } from './router';
import { useSession } from './session';

type Render = (params: Record<string, string>) => ReactNode;

/** Pages behind the session, in the sidebar's layout. First match wins. */
const ROUTES: [string, Render][] = [
  ['/app', () => <OverviewPage />],
  ['/app/keys', () => <KeysPage />],
  ['/app/keys/:id', (p) => <KeyPage id={p.id} />],
  ['/app/collections', () => <CollectionsPage />],
  ['/app/collections/new', () => <NewSchemaPage />],
  ['/app/collections/:name', (p) => <CollectionPage name={p.name} />],
  ['/app/upload', () => <UploadPage />],
  ['/app/search', () => <SearchPage />],
  ['/app/usage', () => <UsagePage />],
  ['/app/team', () => <TeamPage />],
  ['/app/audit', () => <AuditPage />],
  ['/app/settings', () => <SettingsPage />],
  ['/app/settings/webhooks', () => <WebhooksPage />],
  ['/app/settings/webhooks/:id', (p) => <WebhookEndpointPage id={p.id} />],
];

const TITLES: Record<string, string> = {
  '/app/login': 'Log in',
  '/app/signup': 'Sign up',
  '/invitations/accept': 'Invitation',
};

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

export function App() {
  const { pathname, href } = useLocation();
  const session = useSession();
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;

  useEffect(() => {
    const section = NAV_TITLE(path);
    document.title = section ? `${section} · Cistern` : 'Cistern';
  }, [path]);

  if (path === '/') return <Redirect to="/app" />;
  if (path === '/app/login') return <LoginPage />;
  if (path === '/app/signup') return <SignupPage />;
  if (path === '/invitations/accept') return <AcceptInvitationPage />;

  if (!session) return <Redirect to={loginUrl(href, false)} />;
  for (const [pattern, render] of ROUTES) {
    const params = matchPath(pattern, path);
    if (params) return <Layout>{render(params)}</Layout>;
  }
  return (
    <Layout>
      <NotFoundPage />
    </Layout>
  );
}

function NAV_TITLE(path: string): string | undefined {
  if (TITLES[path]) return TITLES[path];
  if (path.startsWith('/app/settings/webhooks')) return 'Webhooks';
  const section = path.split('/')[2];
  if (!section) return path.startsWith('/app') ? 'Overview' : undefined;
  return {
    keys: 'API keys',
    collections: 'Collections',
    upload: 'Upload',
    search: 'Search',
    usage: 'Usage',
    team: 'Team',
    audit: 'Audit log',
    settings: 'Settings',
  }[section];
}
