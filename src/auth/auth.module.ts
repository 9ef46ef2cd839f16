import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { ApiKeysRepositoriesModule } from '../api-keys/api-keys-repositories.module.js';
import { TenancyModule } from '../tenancy/tenancy.module.js';
import { UsageModule } from '../usage/usage.module.js';
import { ApiKeyVerifier } from './api-key-verifier.service.js';
import { AuthGuard } from './auth.guard.js';
import { SessionTokens } from './session-tokens.service.js';
import { JwtStrategy } from './strategies/jwt.strategy.js';
import { WhoamiController } from './whoami.controller.js';

/**
 * Who a request is: key verification, session tokens and the global guard (with its rate limits and
 * per-key usage). Account creation and sign-in are AccountsModule's, above this one.
 */
@Module({
  imports: [PassportModule, TenancyModule, ApiKeysRepositoriesModule, UsageModule],
  controllers: [WhoamiController],
  providers: [ApiKeyVerifier, SessionTokens, JwtStrategy, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [SessionTokens, ApiKeyVerifier],
})
export class AuthModule {}
