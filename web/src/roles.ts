/**
 * What a role may do in the page (rules §2), so that controls a role cannot use are not offered.
 * The server stays the authority: whatever slips through answers 403, shown as a message.
 */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from './api/client';
import { roleValues, scopeValues } from './api/schema';

export type Role = Schemas['Role'];
export type Scope = Schemas['Scope'];

const rank = (role: Role) => roleValues.indexOf(role);
export const atLeast = (role: Role | undefined, floor: Role) =>
  role !== undefined && rank(role) >= rank(floor);

/** Scopes a developer may never put on a key (rules §2): they would let the key outrank the person. */
const ADMIN_ONLY_SCOPES: ReadonlySet<Scope> = new Set(['admin', 'keys:read', 'keys:write', 'audit:read']);

export function grantableScopes(role: Role | undefined): Scope[] {
  if (atLeast(role, 'admin')) return [...scopeValues];
  if (role === 'developer') return scopeValues.filter((scope) => !ADMIN_ONLY_SCOPES.has(scope));
  return [];
}

/** Whether a developer may act on (rotate, revoke) a key holding these scopes. */
export function canManageKey(role: Role | undefined, scopes: readonly Scope[]): boolean {
  if (atLeast(role, 'admin')) return true;
  return role === 'developer' && scopes.every((scope) => !ADMIN_ONLY_SCOPES.has(scope));
}

export const accountQuery = {
  queryKey: ['account'],
  queryFn: () => unwrap(api.GET('/api/v1/portal/account')),
  staleTime: 60_000,
} as const;

/** The signed-in person (email, role in the current tenant). */
export function useAccount() {
  return useQuery(accountQuery);
}

export function useRole(): Role | undefined {
  return useAccount().data?.role;
}
