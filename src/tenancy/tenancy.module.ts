import { Module } from '@nestjs/common';
import { InvitationsRepository } from './invitations.repository.js';
import { LoginFailuresRepository } from './login-failures.repository.js';
import { LoginThrottle } from './login-throttle.service.js';
import { MembershipsRepository } from './memberships.repository.js';
import { TenantAdminService } from './tenant-admin.service.js';
import { TenantsRepository } from './tenants.repository.js';
import { UsersRepository } from './users.repository.js';

/** Tenants, users, memberships, invitations and login failures: their repositories, the login throttle and operator changes. */
@Module({
  providers: [
    TenantsRepository,
    UsersRepository,
    MembershipsRepository,
    InvitationsRepository,
    LoginFailuresRepository,
    LoginThrottle,
    TenantAdminService,
  ],
  exports: [
    TenantsRepository,
    UsersRepository,
    MembershipsRepository,
    InvitationsRepository,
    LoginThrottle,
    TenantAdminService,
  ],
})
export class TenancyModule {}
