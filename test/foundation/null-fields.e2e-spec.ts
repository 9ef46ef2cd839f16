import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type TestApp } from '../support/app.js';
import { mintKey, type TestAccount } from '../support/factories.js';
import { bearer, call, outcome } from '../support/http.js';
import {
  authHeaders,
  OPENAPI,
  operations,
  refOf,
  schemaOf,
  type Credentials,
  type Operation,
  walkerTenant,
} from '../support/openapi-walk.js';

interface NullCase {
  /** The field path as errors name it (`rate_limit.requests_per_minute`, `fields[0].name`). */
  field: string;
  nullable: boolean;
  body: Record<string, unknown>;
}

/**
 * Every property of a body schema, nested objects and arrays of objects included, each as a body that
 * holds null there (and nothing else, so that the answer is about that null).
 */
function nullCases(schemaName: string, seen: string[] = []): NullCase[] {
  const schema = schemaOf(schemaName);
  const cases: NullCase[] = [];
  for (const [name, property] of Object.entries<any>(schema.properties ?? {})) {
    cases.push({ field: name, nullable: property.nullable === true, body: { [name]: null } });
    const ref = refOf(property);
    if (!ref || seen.includes(ref) || !schemaOf(ref).properties) continue;
    const array = property.type === 'array';
    for (const inner of nullCases(ref, [...seen, schemaName])) {
      cases.push({
        field: array ? `${name}[0].${inner.field}` : `${name}.${inner.field}`,
        nullable: inner.nullable,
        body: { [name]: array ? [inner.body] : inner.body },
      });
    }
  }
  return cases;
}

const bodyOperations = operations().filter((op) => op.jsonBody !== null);
const walk = bodyOperations.flatMap((op) =>
  nullCases(op.jsonBody!).map((c) => [`${op.route} ${c.field}`, op, c] as [string, Operation, NullCase]),
);

describe('null in request bodies: refused unless the OpenAPI says nullable (issue 20 #6)', () => {
  let t: TestApp;
  let owner: TestAccount;
  let credentials: Credentials;

  beforeAll(async () => {
    t = await startApp();
    ({ owner, credentials } = await walkerTenant(t));
  });
  afterAll(() => t.close());

  const send = (op: Operation, body: unknown) =>
    call(t.baseUrl, op.method, op.samplePath, { headers: authHeaders(op.route, credentials), body });

  it('walks every JSON body of openapi.json, nested properties included', () => {
    expect(bodyOperations.length).toBeGreaterThan(25);
    expect(walk.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'POST /auth/keys/{id}/rotate grace_period_seconds',
        'POST /search/{collection} record_type',
        'POST /open/search collection',
        'POST /auth/keys rate_limit.requests_per_minute',
        'PUT /schemas/{collection}/{record_type} fields[0].name',
      ]),
    );
  });

  it.each(walk)('%s', async (_name, op, nullCase) => {
    const res = await send(op, nullCase.body);
    expect(res.status).toBeLessThan(500);
    const named = ((res.body?.errors ?? []) as Array<{ field: string; message: string }>).filter(
      (e) => e.field === nullCase.field,
    );
    if (nullCase.nullable) {
      // null has its documented meaning: whatever else the answer says, it is not about this field.
      expect(named).toEqual([]);
    } else {
      expect(res.status).toBe(422);
      expect(res.body.error).toBe('validation_error');
      expect(named).toEqual([{ field: nullCase.field, message: 'must not be null' }]);
    }
  });

  it('a rotation with grace_period_seconds: null is refused and rotates nothing', async () => {
    const target = await mintKey(t, owner.tenantId, { scopes: ['search'] });
    for (const path of [`/auth/keys/${target.id}/rotate`, `/api-keys/${target.id}/rotate`]) {
      const res = await call(t.baseUrl, 'POST', path, {
        apiKey: credentials.apiKey,
        body: { grace_period_seconds: null },
      });
      expect(res).toMatchObject({
        status: 422,
        body: {
          error: 'validation_error',
          errors: [{ field: 'grace_period_seconds', message: 'must not be null' }],
        },
      });
    }
    const portal = await call(t.baseUrl, 'POST', `/portal/keys/${target.id}/rotate`, {
      token: owner.token,
      body: { grace_period_seconds: null },
    });
    expect(portal.status).toBe(422);
    const [row] = await t.dataSource.query(
      `SELECT revoked_at, replaced_by_key_id FROM api_keys WHERE id = $1`,
      [target.id],
    );
    expect(row).toEqual({ revoked_at: null, replaced_by_key_id: null });
    expect((await t.api.GET('/api/v1/auth/whoami', { headers: bearer(target.key) })).response.status).toBe(
      200,
    );
    // Absent is still the documented default.
    const rotated = await t.api.POST('/api/v1/auth/keys/{id}/rotate', {
      headers: bearer(credentials.apiKey),
      params: { path: { id: target.id } },
      body: {},
    });
    expect(rotated.response.status).toBe(200);
  });

  it('search record_type: null and open search collection: null are refused, not matched as a literal', async () => {
    const search = await call(t.baseUrl, 'POST', '/search/anything', {
      apiKey: credentials.apiKey,
      body: { query: 'bearing', record_type: null },
    });
    expect(search).toMatchObject({
      status: 422,
      body: { errors: [{ field: 'record_type', message: 'must not be null' }] },
    });
    const portal = await call(t.baseUrl, 'POST', '/portal/search/anything', {
      token: owner.token,
      body: { query: 'bearing', record_type: null },
    });
    expect(portal.status).toBe(422);
    const open = await call(t.baseUrl, 'POST', '/open/search', {
      body: { query: 'bearing', collection: null },
    });
    expect(open).toMatchObject({
      status: 422,
      body: {
        detail: 'collection: must not be null',
        errors: [{ field: 'collection', message: 'must not be null' }],
      },
    });
  });

  it('null keeps its documented meaning where the OpenAPI says nullable', async () => {
    const headers = bearer(owner.token);
    const account = await t.api.PATCH('/api/v1/portal/account', { headers, body: { display_name: 'Ada' } });
    expect(account.response.status).toBe(200);
    const cleared = await t.api.PATCH('/api/v1/portal/account', { headers, body: { display_name: null } });
    expect(outcome(cleared)).toMatchObject({ status: 200, body: { display_name: null } });
    const limit = await t.api.PATCH('/api/v1/settings/security', {
      headers,
      body: { max_key_lifetime_days: null },
    });
    expect(outcome(limit)).toMatchObject({ status: 200, body: { max_key_lifetime_days: null } });
    const key = await t.api.POST('/api/v1/auth/keys', {
      headers: bearer(credentials.apiKey),
      body: { name: 'no limits', scopes: ['search'], expires_at: null, rate_limit: null },
    });
    expect(outcome(key)).toMatchObject({ status: 201, body: { expires_at: null, rate_limit: null } });
  });

  it('writes the rule down in the OpenAPI description', () => {
    expect(OPENAPI.info.description).toMatch(/`null`.*nullable/s);
  });
});
