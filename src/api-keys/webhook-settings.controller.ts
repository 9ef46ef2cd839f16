import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../common/auth.decorator.js';
import { CurrentCaller, type Caller } from '../common/principal.js';
import { WebhookSettingsDto } from './dto/webhook-settings.dto.js';
import { WebhookSettingsService } from './webhook-settings.service.js';

/** SPEC §6: the signing secret of the tenant's webhooks (key rotation events). Admins only. */
@ApiTags('settings')
@Controller('settings/webhooks')
export class WebhookSettingsController {
  constructor(private readonly settings: WebhookSettingsService) {}

  @Get()
  @Auth({ scopes: ['admin'], role: 'admin' })
  @ApiOperation({
    operationId: 'getWebhookSettings',
    summary: 'The Standard Webhooks signing secret of the tenant.',
  })
  @ApiOkResponse({ type: WebhookSettingsDto })
  get(@CurrentCaller() caller: Caller): Promise<WebhookSettingsDto> {
    return this.settings.get(caller);
  }

  @Post('rotate-secret')
  @Auth({ scopes: ['admin'], role: 'admin' })
  @HttpCode(200)
  @ApiOperation({
    operationId: 'rotateWebhookSecret',
    summary:
      'Replace the signing secret; answers the new one. Deliveries still pending are signed with it from their next attempt.',
  })
  @ApiOkResponse({ type: WebhookSettingsDto })
  rotate(@CurrentCaller() caller: Caller): Promise<WebhookSettingsDto> {
    return this.settings.rotateSecret(caller);
  }
}
