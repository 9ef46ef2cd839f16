import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { TeamModule } from '../tenancy/team.module.js';
import { PortalAccountController } from './portal-account.controller.js';
import { PortalAuthController } from './portal-auth.controller.js';
import { PortalInvitationsController } from './portal-invitations.controller.js';

/** The /portal controllers: thin, over the other modules' services. */
@Module({
  imports: [AuthModule, TeamModule],
  controllers: [PortalAuthController, PortalAccountController, PortalInvitationsController],
})
export class PortalModule {}
