import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { CollectionsModule } from '../collections/collections.module.js';
import { PortalAccountController } from './portal-account.controller.js';
import { PortalAuthController } from './portal-auth.controller.js';
import { PortalCollectionsController } from './portal-collections.controller.js';

/** The /portal controllers: thin, over the other modules' services. */
@Module({
  imports: [AuthModule, CollectionsModule],
  controllers: [PortalAuthController, PortalAccountController, PortalCollectionsController],
})
export class PortalModule {}
