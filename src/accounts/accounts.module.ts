import { Module } from '@nestjs/common';
import { ApiKeysModule } from '../api-keys/api-keys.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { TenancyModule } from '../tenancy/tenancy.module.js';
import { AccountsService } from './accounts.service.js';

/**
 * Portal accounts (rules §3): signup (user, tenant, default project, owner membership, webhook secret),
 * sign-in, tenant switching, the account itself. Above auth (it issues sessions) and api-keys (signup
 * creates the default project), so neither of them depends on it.
 */
@Module({
  imports: [AuthModule, ApiKeysModule, TenancyModule],
  providers: [AccountsService],
  exports: [AccountsService],
})
export class AccountsModule {}
