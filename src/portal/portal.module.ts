import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { AnalyticsModule } from '../analytics/analytics.module.js';
import { ApiKeysModule } from '../api-keys/api-keys.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { CollectionsModule } from '../collections/collections.module.js';
import { TeamModule } from '../team/team.module.js';
import { PortalAccountController } from './portal-account.controller.js';
import { PortalAuthController } from './portal-auth.controller.js';
import { PortalCollectionsController } from './portal-collections.controller.js';
import { PortalInvitationsController } from './portal-invitations.controller.js';
import { PortalKeysController } from './portal-keys.controller.js';
import { PortalUsageController } from './portal-usage.controller.js';
import { TenancyModule } from '../tenancy/tenancy.module.js';

/** The /portal controllers: thin, over the other modules' services. */
@Module({
  imports: [
    AccountsModule,
    AuthModule,
    TeamModule,
    ApiKeysModule,
    CollectionsModule,
    AnalyticsModule,
    TenancyModule,
  ],
  controllers: [
    PortalAuthController,
    PortalAccountController,
    PortalInvitationsController,
    PortalKeysController,
    PortalCollectionsController,
    PortalUsageController,
  ],
})
export class PortalModule {}
