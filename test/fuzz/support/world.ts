import { SCOPES } from '../../../src/common/scopes.js';
import type { TestApp } from '../../support/app.js';
import { member, mintKey, signup, type TestAccount } from '../../support/factories.js';
import type { Credential, Operation } from './openapi.js';

/**
 * One tenant with one of everything a path parameter can name (a key, a project, an environment, a
 * collection with a schema, a record, an upload, a webhook endpoint, an invitation, a second member),
 * so that generated requests reach real rows and not only 404s. Each fuzzed operation gets its own
 * world: one operation's deletes and rotations never starve another's runs.
 */
export interface World {
  t: TestApp;
  owner: TestAccount;
  /** Raw API key holding every scope. */
  apiKey: string;
  apiKeyId: string;
  collection: string;
  recordType: string;
  /** Ids a path parameter can name, by the path segment before it (`api-keys`, `projects`, …). */
  ids: Record<string, string[]>;
  member: TestAccount;
}

export const FIXTURE_COLLECTION = 'fuzzcol';
export const FIXTURE_RECORD_TYPE = 'item';
export const FIXTURE_FIELDS = [
  { name: 'price', type: 'number', filterable: true },
  { name: 'qty', type: 'integer', filterable: true },
  { name: 'tags', type: 'string[]', filterable: true, searchable: true },
  { name: 'sku', type: 'string', searchable: true },
  { name: 'in_stock', type: 'boolean', filterable: true },
  { name: 'made', type: 'date', filterable: true },
];

export interface Answer {
  status: number;
  contentType: string;
  text: string;
  /** Parsed JSON when the text is JSON, else undefined. */
  body: unknown;
}

export interface WireRequest {
  method: string;
  /** Full path with /api/v1, parameters already encoded, query included. */
  url: string;
  credential: Credential;
  /** How the credential is written: `Bearer` in any casing, or the X-Api-Key header. */
  scheme?: string;
  headers?: Record<string, string>;
  body?: string | Buffer | FormData;
}

/** How long an answer may take before it counts as a hang. */
export const HANG_MS = Number(process.env.FUZZ_HANG_MS ?? 20_000);

export async function send(world: World, request: WireRequest): Promise<Answer> {
  const headers: Record<string, string> = { ...request.headers };
  const scheme = request.scheme ?? 'Bearer';
  if (request.credential === 'jwt') headers.authorization = `${scheme} ${world.owner.token}`;
  if (request.credential === 'key') {
    if (scheme === 'x-api-key') headers['x-api-key'] = world.apiKey;
    else headers.authorization = `${scheme} ${world.apiKey}`;
  }
  let response: Response;
  try {
    response = await fetch(`${world.t.baseUrl}${request.url}`, {
      method: request.method,
      headers,
      body: request.body,
      signal: AbortSignal.timeout(HANG_MS),
    });
  } catch (error) {
    if ((error as Error).name === 'TimeoutError')
      return { status: -1, contentType: '', text: 'HANG', body: undefined };
    throw error;
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, body };
}

async function must(world: World, request: WireRequest, expected: number): Promise<any> {
  const answer = await send(world, request);
  if (answer.status !== expected)
    throw new Error(
      `fixture ${request.method} ${request.url}: ${answer.status} ${answer.text.slice(0, 300)}`,
    );
  return answer.body;
}

export function json(value: unknown): { body: string; headers: Record<string, string> } {
  return { body: JSON.stringify(value), headers: { 'content-type': 'application/json' } };
}

export function uploadForm(content: string, filename: string, type = 'text/csv', mode?: string): FormData {
  const form = new FormData();
  if (mode) form.append('mode', mode);
  form.append('file', new Blob([content], { type }), filename);
  return form;
}

export async function makeWorld(t: TestApp, options: { plan?: 'enterprise' | 'free' } = {}): Promise<World> {
  const owner = await signup(t);
  const key = await mintKey(t, owner.tenantId, { scopes: [...SCOPES], name: 'fuzz caller' });
  const world: World = {
    t,
    owner,
    apiKey: key.key,
    apiKeyId: key.id,
    collection: FIXTURE_COLLECTION,
    recordType: FIXTURE_RECORD_TYPE,
    ids: {},
    member: await member(t, owner.tenantId, 'developer'),
  };
  const ids = (segment: string, id: string) => (world.ids[segment] ??= []).push(id);
  if ((options.plan ?? 'enterprise') !== 'free')
    await must(
      world,
      { method: 'PUT', url: '/api/v1/portal/plan', credential: 'jwt', ...json({ plan: 'enterprise' }) },
      200,
    );

  const target = await mintKey(t, owner.tenantId, { scopes: ['search'], name: 'fuzz target' });
  for (const segment of ['api-keys', 'keys']) ids(segment, target.id);
  ids('members', world.member.userId);

  const project = await must(
    world,
    { method: 'POST', url: '/api/v1/projects', credential: 'key', ...json({ name: 'fuzz-project' }) },
    201,
  );
  ids('projects', project.id);
  const environment = await must(
    world,
    {
      method: 'POST',
      url: `/api/v1/projects/${project.id}/environments`,
      credential: 'key',
      ...json({ name: 'fuzz-env', kind: 'test' }),
    },
    201,
  );
  ids('environments', environment.id);

  await must(
    world,
    {
      method: 'PUT',
      url: `/api/v1/schemas/${FIXTURE_COLLECTION}/${FIXTURE_RECORD_TYPE}`,
      credential: 'key',
      ...json({ fields: FIXTURE_FIELDS }),
    },
    200,
  );
  const record = await must(
    world,
    {
      method: 'POST',
      url: `/api/v1/entities/${FIXTURE_COLLECTION}/${FIXTURE_RECORD_TYPE}`,
      credential: 'key',
      ...json({
        name: 'Ball bearing 6204',
        external_id: 'BRG-6204',
        collection_data: { price: 4.2, qty: 3, tags: ['steel'], sku: 'B1' },
      }),
    },
    201,
  );
  for (const segment of ['entities', 'records']) ids(segment, record.id);
  const upload = await must(
    world,
    {
      method: 'POST',
      url: `/api/v1/upload/${FIXTURE_COLLECTION}/${FIXTURE_RECORD_TYPE}/upload`,
      credential: 'key',
      body: uploadForm('name,external_id,price\nRoller,R-1,2.5\nNeedle,N-1,1\n', 'parts.csv'),
    },
    202,
  );
  ids('uploads', upload.upload_id);
  const endpoint = await must(
    world,
    {
      method: 'POST',
      url: '/api/v1/settings/webhooks/endpoints',
      credential: 'key',
      ...json({ url: 'http://127.0.0.1:9/hook', events: ['upload.failed'], enabled: false }),
    },
    201,
  );
  ids('endpoints', endpoint.id);
  const invitation = await must(
    world,
    {
      method: 'POST',
      url: '/api/v1/team/invitations',
      credential: 'key',
      ...json({ email: `invitee-${owner.userId}@example.test`, role: 'viewer' }),
    },
    201,
  );
  ids('invitations', invitation.invitation_id);
  await settle(world);
  return world;
}

/** The ids that fit a path parameter: by the literal segment before it. */
export function idsFor(world: World, op: Operation, param: string): string[] {
  const segments = op.path.split('/');
  const at = segments.indexOf(`{${param}}`);
  if (param === 'collection' || param === 'name') return [world.collection];
  if (param === 'record_type') return [world.recordType];
  if (param === 'user_id') return world.ids.members ?? [];
  let before = at - 1;
  while (before > 0 && segments[before].startsWith('{')) before--;
  return world.ids[segments[before]] ?? [];
}

// ---------- state snapshots ----------

/**
 * A fingerprint of everything a request could change for the world's tenant (every tenant-scoped table,
 * the members' users) and of the global tables an open route could write (users, tenants, login failures).
 * The global tables are counted without the rows of the shared factories' addresses (`uniqueEmail`:
 * `@example.test`, whose tenants are named `example.test`): suites running beside this one in other Jest
 * workers sign up and fail logins all the time, which once failed a CI run ("changed all_login_failures").
 * Metering that every authenticated request touches (last_used_at, daily usage, usage counters) is left out,
 * and so is what the delivery worker changes on its own (attempts, an endpoint's failure streak): deliveries
 * count by their ids.
 */
export async function fingerprint(world: World): Promise<Record<string, string>> {
  const rows = (await world.t.dataSource.query(
    `WITH tables AS (
       SELECT 'api_keys' AS t, (to_jsonb(r) - 'last_used_at')::text AS x FROM api_keys r WHERE tenant_id = $1
       UNION ALL SELECT 'audit_events', to_jsonb(r)::text FROM audit_events r WHERE tenant_id = $1
       UNION ALL SELECT 'collections', to_jsonb(r)::text FROM collections r WHERE tenant_id = $1
       UNION ALL SELECT 'collection_words', to_jsonb(r)::text FROM collection_words r
                 WHERE collection_id IN (SELECT id FROM collections WHERE tenant_id = $1)
       UNION ALL SELECT 'environments', to_jsonb(r)::text FROM environments r WHERE tenant_id = $1
       UNION ALL SELECT 'invitations', to_jsonb(r)::text FROM invitations r WHERE tenant_id = $1
       UNION ALL SELECT 'memberships', to_jsonb(r)::text FROM memberships r WHERE tenant_id = $1
       UNION ALL SELECT 'projects', to_jsonb(r)::text FROM projects r WHERE tenant_id = $1
       UNION ALL SELECT 'record_schemas', to_jsonb(r)::text FROM record_schemas r WHERE tenant_id = $1
       UNION ALL SELECT 'records', to_jsonb(r)::text FROM records r WHERE tenant_id = $1
       UNION ALL SELECT 'tenants', to_jsonb(r)::text FROM tenants r WHERE id = $1
       UNION ALL SELECT 'uploads', to_jsonb(r)::text FROM uploads r WHERE tenant_id = $1
       UNION ALL SELECT 'webhook_endpoints', (to_jsonb(r) - 'failing_since')::text
                 FROM webhook_endpoints r WHERE tenant_id = $1
       UNION ALL SELECT 'webhook_event_deliveries', r.id::text FROM webhook_event_deliveries r WHERE tenant_id = $1
       UNION ALL SELECT 'api_key_webhook_deliveries', r.id::text FROM api_key_webhook_deliveries r WHERE tenant_id = $1
       UNION ALL SELECT 'users', to_jsonb(u)::text FROM users u
                 WHERE id IN (SELECT user_id FROM memberships WHERE tenant_id = $1)
       UNION ALL SELECT 'all_users', count(*)::text FROM users WHERE email NOT LIKE '%@example.test'
       UNION ALL SELECT 'all_tenants', count(*)::text FROM tenants WHERE name <> 'example.test'
       UNION ALL SELECT 'all_login_failures', count(*)::text FROM login_failures
                 WHERE email NOT LIKE '%@example.test'
     )
     SELECT t, md5(string_agg(x, '|' ORDER BY x)) AS h FROM tables GROUP BY t`,
    [world.owner.tenantId],
  )) as { t: string; h: string }[];
  return Object.fromEntries(rows.map((r) => [r.t, r.h]));
}

export function fingerprintChanges(before: Record<string, string>, after: Record<string, string>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => before[n] !== after[n]);
}

/** Waits until background work (upload processing, indexing) has stopped changing the tenant. */
export async function settle(world: World, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = JSON.stringify(await fingerprint(world));
  for (;;) {
    await new Promise((r) => setTimeout(r, 150));
    const now = JSON.stringify(await fingerprint(world));
    if (now === last) {
      const [{ busy }] = (await world.t.dataSource.query(
        `SELECT count(*)::int AS busy FROM uploads WHERE tenant_id = $1 AND status IN ('pending', 'processing')`,
        [world.owner.tenantId],
      )) as { busy: number }[];
      if (busy === 0) return;
    }
    if (Date.now() > deadline) throw new Error('the world did not settle');
    last = now;
  }
}
