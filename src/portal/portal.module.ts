import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { PortalAccountController } from './portal-account.controller.js';
import { PortalAuthController } from './portal-auth.controller.js';

/** The /portal controllers: thin, over the other modules' services. */
@Module({ imports: [AuthModule], controllers: [PortalAuthController, PortalAccountController] })
export class PortalModule {}
