import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { MailModule } from '../mail/mail.module.js';
import { InvitationMailer } from './invitation-mailer.service.js';
import { InvitationsService } from './invitations.service.js';
import { MembersService } from './members.service.js';
import { SecuritySettingsController } from './security-settings.controller.js';
import { TenancyModule } from '../tenancy/tenancy.module.js';
import { SecuritySettingsService } from './security-settings.service.js';
import { TeamInvitationsController } from './team-invitations.controller.js';
import { TeamMembersController } from './team-members.controller.js';

/**
 * Tenant administration (rules §6): invitations (mailed from the job queue), members, security
 * settings. Separate from TenancyModule (entities, login throttle), which AuthModule depends on:
 * accepting an invitation issues a session token, so this module depends on AuthModule.
 */
@Module({
  imports: [AuthModule, MailModule, TenancyModule],
  controllers: [TeamInvitationsController, TeamMembersController, SecuritySettingsController],
  providers: [InvitationsService, InvitationMailer, MembersService, SecuritySettingsService],
  exports: [InvitationsService],
})
export class TeamModule {}
