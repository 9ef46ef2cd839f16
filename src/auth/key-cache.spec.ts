import { describe, expect, it } from '@jest/globals';
import type { KeyPrincipal } from '../common/principal.js';
import { KeyCache, type KeyState } from './key-cache.js';

function state(keyId: string, tenantId = 't1'): KeyState {
  return {
    principal: { keyId, tenantId } as KeyPrincipal,
    revokedAt: null,
    replaced: false,
    graceExpiresAt: null,
    expiresAt: null,
    tenantActive: true,
  };
}

describe('KeyCache', () => {
  const options = { maxEntries: 3, ttlMs: 1000, negativeTtlMs: 100 };

  it('answers stored entries until their TTL, negative ones for less long', () => {
    const cache = new KeyCache(options);
    cache.set('h1', state('k1'), cache.mark(), 0);
    cache.set('h2', null, cache.mark(), 0);
    expect(cache.get('h1', 999)?.state?.principal.keyId).toBe('k1');
    expect(cache.get('h2', 99)?.state).toBeNull();
    expect(cache.get('h2', 101)).toBeUndefined();
    expect(cache.get('h1', 1001)).toBeUndefined();
    expect(cache.get('h1', 500, 400)).toBeUndefined(); // a tighter max age
  });

  it('evicts the least recently used entry beyond maxEntries', () => {
    const cache = new KeyCache(options);
    for (const k of ['a', 'b', 'c']) cache.set(k, state(k), cache.mark(), 0);
    cache.get('a', 1); // a is now the most recent
    cache.set('d', state('d'), cache.mark(), 1);
    expect(cache.size).toBe(3);
    expect(cache.get('b', 2)).toBeUndefined();
    expect(cache.get('a', 2)).toBeDefined();
  });

  it('forgets by key id, by fingerprint and by tenant', () => {
    const cache = new KeyCache({ ...options, maxEntries: 10 });
    cache.set('h1', state('k1', 't1'), cache.mark(), 0);
    cache.set('h2', state('k2', 't1'), cache.mark(), 0);
    cache.set('h3', state('k3', 't2'), cache.mark(), 0);
    cache.deleteKey('k1');
    expect(cache.get('h1', 1)).toBeUndefined();
    cache.deleteTenant('t1');
    expect(cache.get('h2', 1)).toBeUndefined();
    expect(cache.get('h3', 1)).toBeDefined();
    cache.deleteFingerprint('h3');
    expect(cache.size).toBe(0);
  });

  it('does not store a lookup that raced an invalidation', () => {
    const cache = new KeyCache(options);
    const mark = cache.mark(); // lookup starts
    cache.deleteKey('k1'); // the key is revoked meanwhile
    cache.set('h1', state('k1'), mark, 0); // the lookup read the row before the revocation
    expect(cache.get('h1', 1)).toBeUndefined();
  });
});
