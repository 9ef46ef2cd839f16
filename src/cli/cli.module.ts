import { Module, type DynamicModule } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import type { AppConfig } from '../config/app-config.js';
import { ConfigModule } from '../config/config.module.js';
import { DatabaseModule } from '../database/database.module.js';
import { TenantAdminService } from '../tenancy/tenant-admin.service.js';
import { TenantsRepository } from '../tenancy/tenants.repository.js';

/** What the operator CLI needs: configuration, the database (migrated on open) and the audit trail. */
@Module({})
export class CliModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(), AuditModule],
      providers: [TenantsRepository, TenantAdminService],
    };
  }
}
