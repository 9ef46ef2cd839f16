import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../common/auth.decorator.js';
import { CurrentCaller, type Caller } from '../common/principal.js';
import { WebhookSettingsDto } from './dto/webhook-settings.dto.js';
import { WebhookSettingsService } from './webhook-settings.service.js';
import { NoBody } from '../common/validation.js';

const WEBHOOK_DOCS = `Scheduled key rotations POST \`{"type": "api_key.rotated", "data": {old_key_id, new_key_id, key, key_prefix,
grace_expires_at}}\` to the key's \`rotation_webhook_url\` with the headers \`webhook-id\` (the same on every retry),
\`webhook-timestamp\` (Unix seconds of this attempt) and \`webhook-signature: v1,<base64 HMAC-SHA256 of
"{webhook-id}.{webhook-timestamp}.{body}">\`, keyed with the base64-decoded part of this secret after \`whsec_\`.
Any 2xx answer is a delivery; anything else (or no answer within 10 s) is retried with exponential backoff, up to
10 attempts, durably across restarts. Every failed attempt is audited as \`api_key.webhook_failed\` (metadata
\`final: false\` and the attempt number); the last one, or a target refused by the SSRF guard at delivery time
(checked again, with the resolved address pinned for the connection), with \`final: true\`. The body, which holds the
new raw key, is stored only encrypted while a delivery is pending and erased once it is delivered or given up.`;

/** rules §6: the signing secret of the tenant's webhooks (key rotation events). Admins only. */
@ApiTags('settings')
@Controller('settings/webhooks')
export class WebhookSettingsController {
  constructor(private readonly settings: WebhookSettingsService) {}

  @Get()
  @Auth({ scopes: ['admin'], role: 'admin' })
  @ApiOperation({
    operationId: 'getWebhookSettings',
    summary: 'The Standard Webhooks signing secret of the tenant.',
    description: WEBHOOK_DOCS,
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
  rotate(@CurrentCaller() caller: Caller, @NoBody() _body: undefined): Promise<WebhookSettingsDto> {
    return this.settings.rotateSecret(caller);
  }
}
