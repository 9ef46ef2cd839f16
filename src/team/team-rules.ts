import { ApiError } from '../common/api-error.js';
import type { Principal } from '../common/principal.js';
import type { Role } from '../common/scopes.js';

/**
 * rules §2 team rules, as pure functions. The route guard has already required admin (JWT role or
 * API-key `admin` scope); these add what depends on the roles involved.
 */

/** The role a caller acts with: a person's membership role; an API key (scope `admin`) acts as an admin. */
export function actingRole(principal: Principal): Role {
  return principal.type === 'user' ? principal.role : 'admin';
}

/** Only owners may invite owners. */
export function assertMayInvite(actor: Role, role: Role): void {
  if (role === 'owner' && actor !== 'owner') {
    throw ApiError.forbidden('Only owners may invite owners.');
  }
}

/** Revoking or replacing an owner invitation is an owner matter too. */
export function assertMayWithdrawInvitation(actor: Role, invitationRole: Role): void {
  if (invitationRole === 'owner' && actor !== 'owner') {
    throw ApiError.forbidden('Only owners may withdraw an owner invitation.');
  }
}

/** Only owners grant or remove `owner`, and admins cannot act on owners at all. */
export function assertMayManageMember(actor: Role, targetRole: Role, newRole?: Role): void {
  if (actor === 'owner') return;
  if (targetRole === 'owner') throw ApiError.forbidden('Only owners may change, block or remove an owner.');
  if (newRole === 'owner') throw ApiError.forbidden('Only owners may grant the owner role.');
}

/**
 * A tenant always keeps at least one active owner (409 `last_owner`): `otherActiveOwners` is the
 * number of active owners besides the member about to lose that standing.
 */
export function assertKeepsAnOwner(otherActiveOwners: number, action: string): void {
  if (otherActiveOwners < 1) {
    throw ApiError.conflict(
      `The tenant must keep at least one active owner; ${action} would leave it without one.`,
      'last_owner',
    );
  }
}
