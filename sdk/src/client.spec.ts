import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCistern, createPortal } from './client.js';
import { CisternError } from './errors.js';
import { Scope, Visibility } from './generated/contract.js';

type Handler = (request: Request, url: URL) => Response | Promise<Response>;

/** A fake Cistern: records every request, answers with `handler`. */
function fake(handler: Handler) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request.clone());
    return handler(request, new URL(request.url));
  };
  return { fetch, requests };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const limits = { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '12', 'x-ratelimit-reset': '30' };

describe('createCistern / createPortal', () => {
  it('calls the contract paths with the key, and exposes the rate-limit headers on every answer', async () => {
    const server = fake(() => json({ key_id: 'k1', scopes: ['search'] }, 200, limits));
    const cistern = createCistern({
      baseUrl: 'http://cistern.test/',
      apiKey: 'sk_test_x',
      fetch: server.fetch,
    });
    const { data, error, response, rateLimit } = await cistern.GET('/api/v1/auth/whoami');
    expect(error).toBeUndefined();
    expect(data?.key_id).toBe('k1');
    expect(response.status).toBe(200);
    expect(rateLimit).toEqual({ limit: 60, remaining: 12, resetSeconds: 30 });
    expect(server.requests[0].url).toBe('http://cistern.test/api/v1/auth/whoami');
    expect(server.requests[0].headers.get('authorization')).toBe('Bearer sk_test_x');

    const portal = createPortal({ baseUrl: 'http://cistern.test', token: 'eyJ.t', fetch: server.fetch });
    await portal.GET('/api/v1/portal/account');
    expect(server.requests[1].headers.get('authorization')).toBe('Bearer eyJ.t');
  });

  it('types each client by the paths its credential may call (compile-time checks)', () => {
    const cistern = createCistern({ baseUrl: 'http://x', apiKey: 'sk_test_x', fetch: async () => json({}) });
    const portal = createPortal({ baseUrl: 'http://x', token: 't', fetch: async () => json({}) });
    const never = () => {
      // @ts-expect-error portal-only path on the API-key client
      void cistern.GET('/api/v1/portal/account');
      // @ts-expect-error API-key-only path on the portal client
      void portal.POST('/api/v1/search/{collection}', {
        params: { path: { collection: 'p' } },
        body: { query: 'q' },
      });
      // @ts-expect-error the body is typed: query is required
      void cistern.POST('/api/v1/search/{collection}', { params: { path: { collection: 'p' } }, body: {} });
      // Tenant administration takes either credential; public routes are on both.
      void cistern.GET('/api/v1/projects');
      void portal.GET('/api/v1/projects');
      void portal.GET('/api/v1/health');
      void cistern.POST('/api/v1/open/search', { body: { query: 'q' } });
    };
    expect(typeof never).toBe('function');
    const visibility: Visibility = 'public';
    expect(Visibility).toContain(visibility);
    expect(Scope).toContain('ingest');
  });

  it('returns error answers as openapi-fetch does, and retries a 429 GET', async () => {
    let calls = 0;
    const server = fake(() =>
      ++calls === 1
        ? json({ detail: 'slow down', error: 'rate_limited' }, 429, { 'retry-after': '0' })
        : json({ detail: 'Collection not found.', error: 'not_found' }, 404),
    );
    const cistern = createCistern({ baseUrl: 'http://x', apiKey: 'sk_test_x', fetch: server.fetch });
    const { data, error, response } = await cistern.GET('/api/v1/schemas/{collection}', {
      params: { path: { collection: 'nope' } },
    });
    expect(calls).toBe(2);
    expect(data).toBeUndefined();
    expect(error).toEqual({ detail: 'Collection not found.', error: 'not_found' });
    expect(response.status).toBe(404);
  });

  it('pages through offset lists until a short page', async () => {
    const all = Array.from({ length: 5 }, (_, i) => ({ id: `r${i}` }));
    const server = fake((_request, url) => {
      const limit = Number(url.searchParams.get('limit'));
      const offset = Number(url.searchParams.get('offset'));
      return json({ items: all.slice(offset, offset + limit), total: all.length });
    });
    const cistern = createCistern({ baseUrl: 'http://x', apiKey: 'sk_test_x', fetch: server.fetch });
    const ids: string[] = [];
    for await (const record of cistern.list('/api/v1/entities/{collection}', {
      params: { path: { collection: 'parts' }, query: { limit: 2, record_type: 'part' } },
    })) {
      ids.push(record.id);
    }
    expect(ids).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
    expect(server.requests.map((r) => new URL(r.url).search)).toEqual([
      '?limit=2&record_type=part&offset=0',
      '?limit=2&record_type=part&offset=2',
      '?limit=2&record_type=part&offset=4',
    ]);
  });

  it('pages through lists that answer a bare array', async () => {
    const server = fake((_request, url) =>
      json(Number(url.searchParams.get('offset')) === 0 ? [{ id: 'a' }, { id: 'b' }] : [{ id: 'c' }]),
    );
    const cistern = createCistern({ baseUrl: 'http://x', apiKey: 'sk_test_x', fetch: server.fetch });
    const ids: string[] = [];
    for await (const key of cistern.list('/api/v1/auth/keys', { params: { query: { limit: 2 } } }))
      ids.push(key.id);
    expect(ids).toEqual(['a', 'b', 'c']);
  });

  it('follows the audit cursor, and throws a CisternError from an iterator', async () => {
    const server = fake((_request, url) => {
      const cursor = url.searchParams.get('cursor');
      if (cursor === null) return json({ events: [{ id: 'e1' }, { id: 'e2' }], next_cursor: 'c1' });
      if (cursor === 'c1') return json({ events: [{ id: 'e3' }], next_cursor: null });
      return json({ detail: 'bad cursor', error: 'validation_error' }, 422);
    });
    const portal = createPortal({ baseUrl: 'http://x', token: 't', fetch: server.fetch });
    const ids: string[] = [];
    for await (const event of portal.auditEvents({ action: 'api_key.created' })) ids.push(event.id);
    expect(ids).toEqual(['e1', 'e2', 'e3']);
    expect(new URL(server.requests[1].url).searchParams.get('action')).toBe('api_key.created');
    const broken = portal.auditEvents({ cursor: 'zz' });
    await expect(broken.next()).rejects.toBeInstanceOf(CisternError);
  });

  it('pages a search, past a total that is only a lower bound', async () => {
    const results = Array.from({ length: 5 }, (_, i) => ({ id: `s${i}` }));
    const server = fake(async (request) => {
      const body = (await request.json()) as { limit: number; offset: number };
      return json({
        results: results.slice(body.offset, body.offset + body.limit),
        total: 2,
        total_relation: 'gte',
      });
    });
    const cistern = createCistern({ baseUrl: 'http://x', apiKey: 'sk_test_x', fetch: server.fetch });
    const ids: string[] = [];
    for await (const result of cistern.searchAll('parts', { query: 'bearing' }, { pageSize: 2 }))
      ids.push(result.id);
    expect(ids).toEqual(['s0', 's1', 's2', 's3', 's4']);
    expect(server.requests).toHaveLength(3);
  });

  it('uploads a path or a Blob as multipart with the mode, and waits for the upload', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cistern-sdk-'));
    const path = join(dir, 'parts.csv');
    writeFileSync(path, 'name\nBolt\n');
    const forms: FormData[] = [];
    let polls = 0;
    const server = fake(async (request, url) => {
      if (request.method === 'POST') {
        forms.push(await request.formData());
        return json({ upload_id: 'u1', status: 'pending', rows_received: 1 }, 202);
      }
      polls++;
      expect(url.pathname).toBe('/api/v1/uploads/u1');
      return json({ id: 'u1', status: polls < 3 ? 'processing' : 'completed', rows_indexed: polls });
    });
    const cistern = createCistern({ baseUrl: 'http://x', apiKey: 'sk_test_x', fetch: server.fetch });
    const accepted = await cistern.upload('parts', 'part', path, { mode: 'upsert' });
    expect(accepted.upload_id).toBe('u1');
    expect(server.requests[0].url).toBe('http://x/api/v1/upload/parts/part/upload');
    expect(forms[0].get('mode')).toBe('upsert');
    const file = forms[0].get('file') as File;
    expect(file.name).toBe('parts.csv');
    expect(await file.text()).toBe('name\nBolt\n');

    await cistern.upload('parts', 'part', new Blob(['[{"name":"Nut"}]'], { type: 'application/json' }), {
      filename: 'nuts.json',
    });
    expect((forms[1].get('file') as File).name).toBe('nuts.json');
    expect(forms[1].get('mode')).toBeNull();

    const seen: string[] = [];
    const waits: number[] = [];
    const done = await cistern.waitForUpload('u1', {
      onProgress: (upload) => seen.push(upload.status),
      intervalMs: 250,
      sleep: async (ms) => void waits.push(ms),
    });
    expect(done.status).toBe('completed');
    expect(seen).toEqual(['processing', 'processing', 'completed']);
    expect(waits).toEqual([250, 250]);
  });

  it('gives up waiting for an upload after timeoutMs (injected clock)', async () => {
    const server = fake(() => json({ id: 'u1', status: 'processing' }));
    const cistern = createCistern({ baseUrl: 'http://x', apiKey: 'sk_test_x', fetch: server.fetch });
    let now = 0;
    const pending = cistern.waitForUpload('u1', {
      timeoutMs: 1000,
      intervalMs: 400,
      now: () => now,
      sleep: async (ms) => void (now += ms),
    });
    await expect(pending).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(server.requests).toHaveLength(3);
  });

  it('refuses to be made without its credential or base URL; a portal client without a token sends none', async () => {
    expect(() => createCistern({ baseUrl: 'http://x', apiKey: '' })).toThrow(/apiKey/);
    expect(() => createPortal({ baseUrl: '', token: 't' })).toThrow(/baseUrl/);
    const server = fake(() =>
      json({ access_token: 'eyJ', token_type: 'Bearer', expires_in: 3600, tenant_id: 't' }),
    );
    const anonymous = createPortal({ baseUrl: 'http://x', fetch: server.fetch });
    await anonymous.POST('/api/v1/portal/auth/login', {
      body: { email: 'a@b.c', password: 'long enough pw' },
    });
    expect(server.requests[0].headers.has('authorization')).toBe(false);
  });
});
