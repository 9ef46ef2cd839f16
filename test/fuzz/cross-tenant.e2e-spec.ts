import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { startApp, type TestApp } from '../support/app.js';
import { validValue } from './support/arbitraries.js';
import { operations, type Operation } from './support/openapi.js';
import { fingerprint, idsFor, json, makeWorld, send, type World } from './support/world.js';

/** Path parameters that are names, not ids: every tenant has its own `fuzzcol`, so they cross nothing. */
const NAMES = new Set(['collection', 'name', 'record_type']);

/**
 * The cross-tenant probe over every id route (issue 17): a second tenant, with its own credentials and
 * a valid body, names the first tenant's ids in every operation that takes one. Nothing may answer 2xx
 * (or anything that tells the id exists: only 404, or 422 for a body refused before any lookup), and
 * the first tenant's rows must be exactly as they were.
 */
describe('cross-tenant probe: every id route, with another tenant’s ids', () => {
  let t: TestApp;
  let victim: World;
  let intruder: World;
  beforeAll(async () => {
    t = await startApp({ env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
    victim = await makeWorld(t);
    intruder = await makeWorld(t);
  });
  afterAll(() => t.close());

  const idRoutes = operations().filter((op) =>
    [...op.path.matchAll(/\{([^}]+)\}/g)].some(([, name]) => !NAMES.has(name)),
  );

  function request(op: Operation) {
    const url = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const [id] = NAMES.has(name) ? idsFor(intruder, op, name) : idsFor(victim, op, name);
      return encodeURIComponent(id ?? '00000000-0000-4000-8000-000000000000');
    });
    const body = op.jsonBody ? fc.sample(validValue(op.jsonBody), { numRuns: 1, seed: 17 })[0] : undefined;
    return {
      method: op.method,
      url,
      credential: op.credentials[0],
      ...(body === undefined ? {} : json(body)),
    };
  }

  it('finds the id routes in openapi.json, and the first tenant has a real id for nearly all of them', () => {
    expect(idRoutes.length).toBeGreaterThan(20);
    const named = idRoutes.filter((op) =>
      [...op.path.matchAll(/\{([^}]+)\}/g)].every(
        ([, name]) => NAMES.has(name) || idsFor(victim, op, name).length > 0,
      ),
    );
    expect(named.length).toBeGreaterThan(idRoutes.length * 0.8);
  });

  it('answers 404 (or 422 before any lookup) and changes nothing of the other tenant', async () => {
    const before = await fingerprint(victim);
    const leaks: string[] = [];
    for (const op of idRoutes) {
      if (op.credentials[0] === 'none') continue;
      const answer = await send(intruder, request(op));
      if (answer.status !== 404 && answer.status !== 422) {
        leaks.push(`${op.method} ${op.path}: ${answer.status} ${answer.text.slice(0, 160)}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(await fingerprint(victim)).toEqual(before);
  });
});
