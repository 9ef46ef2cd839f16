import { Controller, Get, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../common/auth.decorator.js';
import type { AuthenticatedRequest, KeyPrincipal } from '../common/principal.js';
import type { Scope } from '../common/scopes.js';
import { WhoamiDto } from './dto/whoami.dto.js';

@ApiTags('auth')
@Controller('auth')
export class WhoamiController {
  /** Costs nothing beyond authentication and rate limiting (the benchmark's endpoint). */
  @Get('whoami')
  @Auth({ scopes: [] })
  @ApiOperation({ operationId: 'whoami', summary: 'Introspect the calling API key (no scope needed).' })
  @ApiOkResponse({ type: WhoamiDto })
  whoami(@Req() request: AuthenticatedRequest): WhoamiDto {
    const key = request.principal as KeyPrincipal;
    return {
      key_id: key.keyId,
      tenant_id: key.tenantId,
      project_id: key.projectId,
      environment_id: key.environmentId,
      key_prefix: key.keyPrefix,
      scopes: key.scopes as Scope[],
      expires_at: key.expiresAt ? key.expiresAt.toISOString() : null,
      rate_limit: { requests_per_minute: request.rateLimit!.limit, remaining: request.rateLimit!.remaining },
    };
  }
}
