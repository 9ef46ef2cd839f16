import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type TestApp } from '../support/app.js';
import { signup } from '../support/factories.js';
import { bearer, call } from '../support/http.js';
import { operations } from './support/openapi.js';

/**
 * Focused regressions for what the fuzz suite found beyond the eight defects of issue 20 (each one
 * a single reproduction, so it fails on the old code even with the fuzz slice's small run count).
 */
describe('fuzz findings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
  });
  afterAll(() => t.close());

  it('PATCH /settings/webhooks/endpoints/{id} with null fields answers without a 500 and keeps the endpoint', async () => {
    const owner = await signup(t);
    // Created without `enabled` (its default applies).
    const created = await t.api.POST('/api/v1/settings/webhooks/endpoints', {
      headers: bearer(owner.token),
      body: { url: 'http://127.0.0.1:9/hook', events: ['upload.failed'] },
    });
    expect(created.response.status).toBe(201);
    const id = created.data!.id;
    // Raw: null where the contract does not allow it.
    for (const body of [{ events: null }, { url: null }, { enabled: null }]) {
      const patched = await call(t.baseUrl, 'PATCH', `/settings/webhooks/endpoints/${id}`, {
        token: owner.token,
        body,
      });
      expect(patched.status).toBeLessThan(500);
      if (patched.status === 200)
        expect(patched.body).toMatchObject({
          url: created.data!.url,
          events: ['upload.failed'],
          enabled: true,
        });
      else
        expect(patched.body).toEqual({
          detail: expect.any(String),
          error: 'validation_error',
          errors: expect.any(Array),
        });
    }
    const got = await t.api.GET('/api/v1/settings/webhooks/endpoints/{id}', {
      headers: bearer(owner.token),
      params: { path: { id } },
    });
    expect(got.data).toMatchObject({ url: created.data!.url, events: ['upload.failed'], enabled: true });
  });

  it('POST /portal/auth/switch-tenant documents the 404 it answers for a tenant you do not belong to', async () => {
    const owner = await signup(t);
    const stranger = await signup(t);
    const res = await t.api.POST('/api/v1/portal/auth/switch-tenant', {
      headers: bearer(owner.token),
      body: { tenant_id: stranger.tenantId },
    });
    expect(res.response.status).toBe(404);
    expect(res.error).toEqual({ detail: expect.any(String), error: 'not_found' });
    const op = operations().find((o) => o.id === 'switchTenant');
    expect(op?.responses.has(404)).toBe(true);
  });
});
