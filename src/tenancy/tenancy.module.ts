import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoginFailure } from './login-failure.entity.js';
import { LoginThrottle } from './login-throttle.service.js';
import { Membership } from './membership.entity.js';
import { TenantAdminService } from './tenant-admin.service.js';
import { Tenant } from './tenant.entity.js';
import { User } from './user.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([Tenant, User, Membership, LoginFailure])],
  providers: [LoginThrottle, TenantAdminService],
  exports: [LoginThrottle, TenantAdminService],
})
export class TenancyModule {}
