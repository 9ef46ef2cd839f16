import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { ApiKeysRepositoriesModule } from '../api-keys/api-keys-repositories.module.js';
import { ApiKeysModule } from '../api-keys/api-keys.module.js';
import { TenancyModule } from '../tenancy/tenancy.module.js';
import { AccountsService } from './accounts.service.js';
import { ApiKeyVerifier } from './api-key-verifier.service.js';
import { AuthGuard } from './auth.guard.js';
import { SessionTokens } from './session-tokens.service.js';
import { JwtStrategy } from './strategies/jwt.strategy.js';
import { WhoamiController } from './whoami.controller.js';

@Module({
  imports: [PassportModule, TenancyModule, ApiKeysModule, ApiKeysRepositoriesModule],
  controllers: [WhoamiController],
  providers: [
    ApiKeyVerifier,
    SessionTokens,
    AccountsService,
    JwtStrategy,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AccountsService, SessionTokens, ApiKeyVerifier],
})
export class AuthModule {}
