import { describe, expect, it } from '@jest/globals';
import { retryingFetch, type RetryOptions } from './retry.js';

/** A server answering `statuses` in turn (the last one repeated), recording what it received. */
function server(statuses: { status: number; headers?: Record<string, string> }[]) {
  const received: { method: string; url: string; body: string }[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    received.push({ method: request.method, url: request.url, body: await request.text() });
    const next = statuses[Math.min(received.length - 1, statuses.length - 1)];
    return new Response(JSON.stringify({ n: received.length }), {
      status: next.status,
      headers: next.headers,
    });
  };
  return { fetch, received };
}

/** An injected clock: records the waits instead of waiting. */
function clock() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms), random: () => 0.5 };
}

const url = 'http://cistern.test/api/v1';

describe('retries of 429 and 503', () => {
  it('retries an idempotent call after the Retry-After the answer asks for', async () => {
    const s = server([{ status: 429, headers: { 'retry-after': '2' } }, { status: 200 }]);
    const c = clock();
    const response = await retryingFetch(s.fetch, c)(new Request(`${url}/auth/whoami`));
    expect(response.status).toBe(200);
    expect(s.received).toHaveLength(2);
    expect(c.waits).toEqual([2000]);
  });

  it('reads an HTTP-date Retry-After', async () => {
    const when = new Date(Date.now() + 3000).toUTCString();
    const s = server([{ status: 503, headers: { 'retry-after': when } }, { status: 200 }]);
    const c = clock();
    await retryingFetch(s.fetch, c)(new Request(`${url}/usage`));
    expect(c.waits).toHaveLength(1);
    expect(c.waits[0]).toBeGreaterThan(1000);
    expect(c.waits[0]).toBeLessThanOrEqual(3000);
  });

  it('backs off exponentially with jitter when there is no Retry-After, and stops after `retries`', async () => {
    const s = server([{ status: 503 }]);
    const c = clock();
    const response = await retryingFetch(s.fetch, { ...c, retries: 3, baseDelayMs: 100 })(
      new Request(`${url}/collections`),
    );
    expect(response.status).toBe(503);
    expect(s.received).toHaveLength(4);
    expect(c.waits).toEqual([50, 100, 200]);
  });

  it('does not wait longer than maxDelayMs: the answer is returned instead', async () => {
    const s = server([{ status: 429, headers: { 'retry-after': '86400' } }]);
    const c = clock();
    const response = await retryingFetch(s.fetch, c)(new Request(`${url}/search/parts`, { method: 'POST' }));
    expect(response.status).toBe(429);
    expect(s.received).toHaveLength(1);
    expect(c.waits).toEqual([]);
  });

  it('does not retry other statuses', async () => {
    for (const status of [400, 401, 403, 404, 409, 422, 500, 502]) {
      const s = server([{ status }, { status: 200 }]);
      const response = await retryingFetch(s.fetch, clock())(new Request(`${url}/collections`));
      expect(response.status).toBe(status);
      expect(s.received).toHaveLength(1);
    }
  });

  it('leaves non-idempotent calls alone unless asked, and replays the body when asked', async () => {
    const cases: [string, string, RetryOptions, unknown, number][] = [
      ['POST', '/auth/keys', {}, undefined, 1],
      ['PATCH', '/entities/parts/1', {}, undefined, 1],
      ['POST', '/ingest/parts/part', {}, undefined, 1],
      ['POST', '/ingest/parts/part', { nonIdempotent: true }, undefined, 2],
      ['POST', '/ingest/parts/part', {}, true, 2],
      ['POST', '/ingest/parts/part', { nonIdempotent: true }, false, 1],
      ['GET', '/collections', {}, false, 1],
      // Searches are reads (a refused search is not counted): retried by default.
      ['POST', '/search/parts', {}, undefined, 2],
      ['POST', '/portal/search/parts', {}, undefined, 2],
      ['POST', '/open/search', {}, undefined, 2],
      ['PUT', '/schemas/parts/part', {}, undefined, 2],
      ['DELETE', '/auth/keys/1', {}, undefined, 2],
    ];
    for (const [method, path, options, perCall, attempts] of cases) {
      const s = server([{ status: 429, headers: { 'retry-after': '0' } }, { status: 202 }]);
      const request = new Request(`${url}${path}`, {
        method,
        body: method === 'GET' || method === 'DELETE' ? undefined : '{"records":[1]}',
      });
      if (perCall !== undefined) Object.assign(request, { retry: perCall });
      await retryingFetch(s.fetch, { ...clock(), ...options })(request);
      expect({ method, path, options, perCall, attempts: s.received.length }).toEqual({
        method,
        path,
        options,
        perCall,
        attempts,
      });
      if (method === 'POST' && attempts === 2)
        expect(s.received.map((r) => r.body)).toEqual([s.received[0].body, s.received[0].body]);
    }
  });

  it('is off entirely with `retry: false` on the client', async () => {
    const s = server([{ status: 429, headers: { 'retry-after': '0' } }, { status: 200 }]);
    expect((await retryingFetch(s.fetch, false)(new Request(`${url}/collections`))).status).toBe(429);
    expect(s.received).toHaveLength(1);
  });

  it('stops waiting when the request is aborted', async () => {
    const s = server([{ status: 429, headers: { 'retry-after': '5' } }]);
    const controller = new AbortController();
    const pending = retryingFetch(s.fetch, { retries: 2 })(
      new Request(`${url}/collections`, { signal: controller.signal }),
    );
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(s.received).toHaveLength(1);
  });
});
