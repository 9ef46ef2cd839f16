import { Module } from '@nestjs/common';
import { InvitationsRepository } from './invitations.repository.js';
import { LoginFailuresRepository } from './login-failures.repository.js';
import { LoginThrottle } from './login-throttle.service.js';
import { MembershipsRepository } from './memberships.repository.js';
import { MilestonesRepository } from './milestones.repository.js';
import { MilestonesService } from './milestones.service.js';
import { TenantAdminService } from './tenant-admin.service.js';
import { TenantsRepository } from './tenants.repository.js';
import { UsersRepository } from './users.repository.js';

/**
 * Tenants, users, memberships, invitations, login failures and quickstart milestones: their
 * repositories, the login throttle, the milestones keys and collections record, and operator changes.
 */
@Module({
  providers: [
    TenantsRepository,
    UsersRepository,
    MembershipsRepository,
    InvitationsRepository,
    LoginFailuresRepository,
    LoginThrottle,
    TenantAdminService,
    MilestonesRepository,
    MilestonesService,
  ],
  exports: [
    TenantsRepository,
    UsersRepository,
    MembershipsRepository,
    InvitationsRepository,
    LoginThrottle,
    TenantAdminService,
    MilestonesService,
  ],
})
export class TenancyModule {}
