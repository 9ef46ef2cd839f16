import { describe, expect, it } from '@jest/globals';
import { expandScopes } from '../common/scopes.js';
import {
  developerForbiddenScopes,
  escalatingScopes,
  includeParts,
  keyStatus,
  normalizeScopes,
  scopeErrors,
} from './key-policy.js';

describe('scopeErrors', () => {
  it('names each unknown entry by index and lists the valid scopes', () => {
    const errors = scopeErrors(['search', 'superuser', 7]);
    expect(errors.map((e) => e.field)).toEqual(['scopes[1]', 'scopes[2]']);
    expect(errors[0].message).toMatch(/valid scopes: search, ingest, .*admin/);
  });

  it('refuses an empty list', () => {
    expect(scopeErrors([])).toEqual([{ field: 'scopes', message: expect.stringContaining('valid scopes') }]);
  });

  it('accepts known scopes', () => {
    expect(scopeErrors(['search', 'keys:read', 'admin'])).toEqual([]);
  });
});

describe('escalatingScopes', () => {
  it('lets a key give what it holds, expanded', () => {
    expect(escalatingScopes(expandScopes(['entities', 'keys:write']), ['entities:read', 'entities'])).toEqual(
      [],
    );
    expect(escalatingScopes(expandScopes(['ingest']), ['upload'])).toEqual([]);
    expect(escalatingScopes(expandScopes(['admin']), ['admin', 'audit:read'])).toEqual([]);
  });

  it('refuses wider scopes than its own', () => {
    expect(escalatingScopes(expandScopes(['entities:read', 'keys:write']), ['entities'])).toEqual([
      'entities',
    ]);
    expect(escalatingScopes(expandScopes(['keys:write', 'search']), ['admin', 'search'])).toEqual(['admin']);
    expect(escalatingScopes(expandScopes(['upload', 'keys:write']), ['ingest'])).toEqual(['ingest']);
  });
});

describe('developerForbiddenScopes', () => {
  it('forbids admin, keys:* and audit:read', () => {
    expect(developerForbiddenScopes(['search', 'admin', 'keys:read', 'keys:write', 'audit:read'])).toEqual([
      'admin',
      'keys:read',
      'keys:write',
      'audit:read',
    ]);
    expect(developerForbiddenScopes(['search', 'entities', 'ingest', 'usage:read'])).toEqual([]);
  });
});

describe('keyStatus', () => {
  const now = new Date('2026-03-08T12:00:00Z');
  const later = new Date('2026-03-09T12:00:00Z');
  const earlier = new Date('2026-03-07T12:00:00Z');
  const base = { revokedAt: null, replacedByKeyId: null, graceExpiresAt: null, expiresAt: null };

  it('derives each status', () => {
    expect(keyStatus(base, now)).toBe('active');
    expect(keyStatus({ ...base, expiresAt: later }, now)).toBe('active');
    expect(keyStatus({ ...base, expiresAt: earlier }, now)).toBe('expired');
    expect(keyStatus({ ...base, revokedAt: earlier }, now)).toBe('revoked');
    expect(keyStatus({ ...base, replacedByKeyId: 'x', graceExpiresAt: later }, now)).toBe('grace');
    expect(keyStatus({ ...base, replacedByKeyId: 'x', graceExpiresAt: earlier }, now)).toBe('revoked');
    expect(keyStatus({ ...base, replacedByKeyId: 'x' }, now)).toBe('revoked');
    expect(keyStatus({ ...base, replacedByKeyId: 'x', graceExpiresAt: later, expiresAt: earlier }, now)).toBe(
      'expired',
    );
  });
});

describe('normalizeScopes and includeParts', () => {
  it('dedupes scopes in SPEC order', () => {
    expect(normalizeScopes(['admin', 'search', 'search'])).toEqual(['search', 'admin']);
  });

  it('expands all', () => {
    expect([...includeParts(['all'])].sort()).toEqual(['created_by', 'history', 'usage']);
    expect([...includeParts(['usage'])]).toEqual(['usage']);
    expect(includeParts(undefined).size).toBe(0);
  });
});
