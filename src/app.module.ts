import { Module, type DynamicModule } from '@nestjs/common';
import { AccountsModule } from './accounts/accounts.module.js';
import { AnalyticsModule } from './analytics/analytics.module.js';
import { ApiKeysModule } from './api-keys/api-keys.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CollectionsModule } from './collections/collections.module.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { McpModule } from './mcp/mcp.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { PortalModule } from './portal/portal.module.js';
import { TeamModule } from './team/team.module.js';
import { TenancyModule } from './tenancy/tenancy.module.js';
import { UsageModule } from './usage/usage.module.js';
import { WebhookEndpointsModule } from './webhook-endpoints/webhook-endpoints.module.js';

@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(),
        MetricsModule,
        HealthModule,
        JobsModule,
        AuditModule,
        WebhookEndpointsModule,
        UsageModule,
        AnalyticsModule,
        TenancyModule,
        ApiKeysModule,
        AuthModule,
        AccountsModule,
        TeamModule,
        CollectionsModule,
        PortalModule,
        McpModule,
      ],
    };
  }
}
