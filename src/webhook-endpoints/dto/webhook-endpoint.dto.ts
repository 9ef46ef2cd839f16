import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { DISABLED_REASONS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../webhook-events.js';

const URL_DOC =
  'Where events are POSTed. https only, and it must not resolve to a private, loopback or link-local address (unless the server runs with WEBHOOK_ALLOW_PRIVATE=true, which also allows http). Checked again at every delivery.';
const EVENTS_DOC = `Events this endpoint receives (at least one, no repeats): ${WEBHOOK_EVENT_TYPES.map((e) => `\`${e}\``).join(', ')}.`;
const EVENTS_MESSAGE = `events must be a list of: ${WEBHOOK_EVENT_TYPES.join(', ')}`;

export class CreateWebhookEndpointDto {
  @ApiProperty({ maxLength: 2048, description: URL_DOC, example: 'https://hooks.example.com/cistern' })
  @IsString()
  @MaxLength(2048)
  url!: string;

  @ApiProperty({
    enum: WEBHOOK_EVENT_TYPES,
    enumName: 'WebhookEventType',
    isArray: true,
    description: EVENTS_DOC,
  })
  @IsArray()
  @ArrayMinSize(1, { message: 'events must name at least one event' })
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique({ message: 'events must not repeat an event' })
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true, message: EVENTS_MESSAGE })
  events!: WebhookEventType[];

  @ApiPropertyOptional({ default: true, description: 'A disabled endpoint receives no events.' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdateWebhookEndpointDto {
  @ApiPropertyOptional({ maxLength: 2048, description: URL_DOC })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional({
    enum: WEBHOOK_EVENT_TYPES,
    enumName: 'WebhookEventType',
    isArray: true,
    description: EVENTS_DOC,
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'events must name at least one event' })
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique({ message: 'events must not repeat an event' })
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true, message: EVENTS_MESSAGE })
  events?: WebhookEventType[];

  @ApiPropertyOptional({
    description:
      'true re-enables an endpoint (also one Cistern disabled: its `disabled_reason` and failure streak are cleared); false disables it.',
  })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class WebhookEndpointDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, enumName: 'WebhookEventType', isArray: true })
  events!: WebhookEventType[];

  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({
    enum: DISABLED_REASONS,
    enumName: 'WebhookEndpointDisabledReason',
    nullable: true,
    type: String,
    description:
      'Why Cistern disabled the endpoint: `gone` (the receiver answered 410), `failing` (every attempt failed for 3 days). null when enabled or disabled by a person.',
  })
  disabled_reason!: (typeof DISABLED_REASONS)[number] | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  disabled_at!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'First failed attempt since the last successful delivery (null: the last attempt succeeded).',
  })
  failing_since!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}

export class WebhookEndpointListDto {
  @ApiProperty({ type: [WebhookEndpointDto], description: 'Oldest first.' })
  endpoints!: WebhookEndpointDto[];
}

export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid', description: 'The `webhook-id` header of every attempt of this delivery.' })
  id!: string;

  @ApiProperty({
    example: 'upload.completed',
    description: 'The event type, or `webhook.test` for a test delivery.',
  })
  event_type!: string;

  @ApiProperty({
    enum: ['pending', 'delivered', 'failed'],
    enumName: 'WebhookDeliveryStatus',
    description:
      '`pending`: not yet delivered, retries to come; `delivered`: a 2xx answer; `failed`: given up.',
  })
  status!: 'pending' | 'delivered' | 'failed';

  @ApiProperty({ description: 'Attempts so far.' })
  attempts!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'HTTP status of the last answer (null: none, e.g. a timeout).',
  })
  last_status_code!: number | null;

  @ApiProperty({ type: String, nullable: true })
  last_error!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  last_attempt_at!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finished_at!: string | null;
}

export class WebhookDeliveryListDto {
  @ApiProperty({ type: [WebhookDeliveryDto], description: 'Newest first.' })
  deliveries!: WebhookDeliveryDto[];

  @ApiProperty({ description: 'Deliveries of this endpoint kept (finished ones go after 30 days).' })
  total!: number;
}
