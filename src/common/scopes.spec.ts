import { describe, expect, it } from '@jest/globals';
import { expandScopes, missingScopes, roleAtLeast, SCOPES } from './scopes.js';

describe('expandScopes', () => {
  it('grants every scope to admin', () => {
    expect([...expandScopes(['admin'])].sort()).toEqual([...SCOPES].sort());
  });

  it('expands X into X:read and X:write', () => {
    expect([...expandScopes(['entities'])].sort()).toEqual(['entities', 'entities:read', 'entities:write']);
  });

  it('lets ingest grant upload, but not the reverse', () => {
    expect(expandScopes(['ingest']).has('upload')).toBe(true);
    expect(expandScopes(['upload']).has('ingest')).toBe(false);
  });

  it('does not widen a :read scope', () => {
    const grants = expandScopes(['keys:read']);
    expect(grants.has('keys:read')).toBe(true);
    expect(grants.has('keys:write')).toBe(false);
  });

  it('ignores unknown scopes', () => {
    expect([...expandScopes(['nope', 'search'])]).toEqual(['search']);
  });

  it('names the missing scopes', () => {
    expect(missingScopes(expandScopes(['search']), ['search', 'usage:read'])).toEqual(['usage:read']);
  });
});

describe('roleAtLeast', () => {
  it('orders owner > admin > developer > viewer', () => {
    expect(roleAtLeast('owner', 'admin')).toBe(true);
    expect(roleAtLeast('admin', 'owner')).toBe(false);
    expect(roleAtLeast('developer', 'viewer')).toBe(true);
    expect(roleAtLeast('viewer', 'developer')).toBe(false);
  });
});
