import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request as httpRequest } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { startApp, type TestApp } from '../support/app.js';

/** A raw GET (fetch would decompress and hide content-encoding). */
function get(
  baseUrl: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${baseUrl}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const csp = (headers: Record<string, string | string[] | undefined>) =>
  String(headers['content-security-policy']);

describe('the dashboard is served on the API origin (rules §9)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  it('answers index.html, no-cache, under the strict CSP for /, /app, /app/* and /invitations/accept', async () => {
    for (const path of [
      '/',
      '/app',
      '/app/',
      '/app/keys',
      '/app/keys/0b0e6c1e-0000-4000-8000-000000000000',
      '/invitations/accept?token=abc',
    ]) {
      const res = await get(t.baseUrl, path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(csp(res.headers)).toContain(`script-src 'self'`);
      const html = res.body.toString('utf8');
      expect(html).toContain('<div id="root"></div>');
      // No inline script: every <script> loads a file of the build.
      expect(html.match(/<script\b[^>]*>/g)?.every((tag) => / src="\/assets\//.test(tag))).toBe(true);
    }
  });

  it('serves the hashed assets immutable for a year, gzipped when asked', async () => {
    const html = (await get(t.baseUrl, '/app')).body.toString('utf8');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    const style = /href="(\/assets\/[^"]+\.css)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect(style).toBeDefined();
    const plain = await get(t.baseUrl, script!);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const zipped = await get(t.baseUrl, script!, { 'accept-encoding': 'gzip, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.body.length).toBeLessThan(plain.body.length);
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    const css = await get(t.baseUrl, style!);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('keeps the JSON 404 for every other unknown path, missing assets included', async () => {
    for (const path of [
      '/elsewhere',
      '/api/v1/nope',
      '/assets/missing.js',
      '/assets/../package.json',
      '/appx',
      '/invitations',
    ]) {
      const res = await get(t.baseUrl, path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(res.body.toString('utf8'))).toMatchObject({ error: 'not_found' });
    }
  });

  it('sends upgrade-insecure-requests only on HTTPS requests: a forwarded https is not believed without TRUST_PROXY', async () => {
    const plain = await get(t.baseUrl, '/app');
    expect(csp(plain.headers)).not.toContain('upgrade-insecure-requests');
    const forged = await get(t.baseUrl, '/app', { 'x-forwarded-proto': 'https' });
    expect(csp(forged.headers)).not.toContain('upgrade-insecure-requests');
    const swagger = await get(t.baseUrl, '/api/docs');
    expect(csp(swagger.headers)).not.toContain('upgrade-insecure-requests');
  });
});

describe('behind a TLS-terminating proxy (TRUST_PROXY=true)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ env: { TRUST_PROXY: 'true' } });
  });
  afterAll(() => t.close());

  it('sends upgrade-insecure-requests when the proxy says the request came over https, and not otherwise', async () => {
    const https = await get(t.baseUrl, '/app', { 'x-forwarded-proto': 'https' });
    expect(csp(https.headers)).toContain('upgrade-insecure-requests');
    const api = await get(t.baseUrl, '/api/v1/health', { 'x-forwarded-proto': 'https' });
    expect(csp(api.headers)).toContain('upgrade-insecure-requests');
    const http = await get(t.baseUrl, '/app', { 'x-forwarded-proto': 'http' });
    expect(csp(http.headers)).not.toContain('upgrade-insecure-requests');
    const direct = await get(t.baseUrl, '/app');
    expect(csp(direct.headers)).not.toContain('upgrade-insecure-requests');
  });
});
