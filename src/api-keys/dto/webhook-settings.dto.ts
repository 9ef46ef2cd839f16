import { ApiProperty } from '@nestjs/swagger';

export class WebhookSettingsDto {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description:
      'Standard Webhooks signing secret of the tenant: `webhook-signature` is `v1,` + base64 HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}` keyed with the base64-decoded part after `whsec_`.',
  })
  signing_secret!: string;
}
