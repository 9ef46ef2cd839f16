import { describe, expect, it } from '@jest/globals';
import { documentedOperations, type DocumentedOperation } from '../support/routes.js';

/**
 * One description per operation: a portal route (`/portal/…`, people with a session) that mirrors an
 * API-key route must tell the reader the same thing, since both call the same service. Both take their
 * words from one bundle (`collections/collection-docs.ts`, `api-keys/key-docs.ts`, `usage/usage-docs.ts`,
 * `analytics/analytics-docs.ts`); this reads the committed openapi.json and fails on any pair that drifts.
 */

/** Portal operations that have no API-key door (sessions, accounts, the plan, the dashboard's own reads). */
const PORTAL_ONLY = [
  'GET /portal/account',
  'PATCH /portal/account',
  'POST /portal/account/password',
  'POST /portal/auth/login',
  'POST /portal/auth/signup',
  'POST /portal/auth/switch-tenant',
  'POST /portal/invitations/accept',
  'GET /portal/keys/{id}/usage',
  'PUT /portal/plan',
  'GET /portal/quickstart',
  'GET /portal/tenants',
];

/** The API-key route a portal route mirrors: the same path without `/portal`, but for two renamed doors. */
function mirrorOf(route: string): string {
  const [method, path] = route.split(' ');
  if (route === 'GET /portal/records') return 'GET /entities/{collection}'; // ?collection= on the portal
  const door = path
    .replace(/^\/portal\/records\//, '/entities/')
    .replace(/^\/portal\/keys(?=\/|$)/, '/auth/keys')
    .replace(/^\/portal\//, '/');
  return `${method} ${door}`;
}

const isKeyDoor = (op: DocumentedOperation) => op.security.some((s) => s.startsWith('ApiKey'));

describe('door pairs in openapi.json', () => {
  const operations = documentedOperations();
  const byRoute = new Map(operations.map((op) => [op.route, op]));
  const portal = operations.filter((op) => op.path.startsWith('/portal/'));
  const mirrored = portal.filter((op) => !PORTAL_ONLY.includes(op.route));

  it('pairs every portal operation with an API-key door, or names it portal-only', () => {
    const unpaired = mirrored
      .filter((op) => {
        const door = byRoute.get(mirrorOf(op.route));
        return !door || !isKeyDoor(door);
      })
      .map((op) => `${op.route} (${op.operationId}) → ${mirrorOf(op.route)}`);
    const stale = PORTAL_ONLY.filter((route) => !byRoute.has(route));
    expect({ unpaired, stale }).toEqual({ unpaired: [], stale: [] });
    expect(mirrored.length).toBeGreaterThanOrEqual(23);
  });

  it('gives each pair the same summary and description', () => {
    const drift = mirrored.flatMap((op) => {
      const door = byRoute.get(mirrorOf(op.route));
      if (!door) return [];
      const words = (o: DocumentedOperation) => ({ summary: o.summary, description: o.description });
      return JSON.stringify(words(op)) === JSON.stringify(words(door))
        ? []
        : [{ portal: `${op.route} (${op.operationId})`, door: door.route, ...diff(words(op), words(door)) }];
    });
    expect(drift).toEqual([]);
  });

  it('summarises every paired operation', () => {
    const silent = mirrored.filter((op) => !op.summary?.trim()).map((op) => op.route);
    expect(silent).toEqual([]);
  });
});

function diff(portal: Record<string, unknown>, door: Record<string, unknown>) {
  const fields: Record<string, { portal: unknown; door: unknown }> = {};
  for (const key of Object.keys(portal))
    if (portal[key] !== door[key]) fields[key] = { portal: portal[key], door: door[key] };
  return fields;
}
