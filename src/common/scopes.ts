/** rules §2: the scopes an API key may hold. */
export const SCOPES = [
  'search',
  'ingest',
  'upload',
  'entities',
  'entities:read',
  'entities:write',
  'keys:read',
  'keys:write',
  'usage:read',
  'audit:read',
  'admin',
] as const;
export type Scope = (typeof SCOPES)[number];

const SCOPE_SET: ReadonlySet<string> = new Set(SCOPES);

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && SCOPE_SET.has(value);
}

/**
 * Everything a list of scopes grants: `admin` grants every scope, `X` grants `X:read` and
 * `X:write`, `ingest` grants `upload`.
 */
export function expandScopes(scopes: readonly string[]): ReadonlySet<string> {
  if (scopes.includes('admin')) return SCOPE_SET;
  const out = new Set<string>();
  for (const scope of scopes) {
    if (!SCOPE_SET.has(scope)) continue;
    out.add(scope);
    if (!scope.includes(':')) {
      if (SCOPE_SET.has(`${scope}:read`)) out.add(`${scope}:read`);
      if (SCOPE_SET.has(`${scope}:write`)) out.add(`${scope}:write`);
    }
    if (scope === 'ingest') out.add('upload');
  }
  return out;
}

/** The required scopes that `grants` lacks (empty when allowed). */
export function missingScopes(grants: ReadonlySet<string>, required: readonly string[]): string[] {
  return required.filter((scope) => !grants.has(scope));
}

/** Roles of people in a tenant, weakest first (rules §2). */
export const ROLES = ['viewer', 'developer', 'admin', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return roleRank(role) >= roleRank(minimum);
}
