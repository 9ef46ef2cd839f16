import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { KeyUsageSummaryDto } from './key-usage.dto.js';
import { SCOPES, type Scope } from '../../common/scopes.js';
import { ACTOR_TYPES, type ActorType } from '../../common/vocabulary.js';
import { KEY_MESSAGES, KEY_STATUSES, type KeyStatus } from '../key-policy.js';

export class KeyRateLimitDto {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    description: "The key's own requests per minute (at most the plan's).",
  })
  requests_per_minute!: number;
}

/** Who made a key. With `include=created_by`, the user's email/display_name or the key's name/key_prefix. */
export class KeyCreatorDto {
  @ApiProperty({ enum: ACTOR_TYPES, enumName: 'ActorType' })
  type!: ActorType;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for `system`.' })
  id!: string | null;

  @ApiPropertyOptional({ description: 'User creators, with include=created_by.' })
  email?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'User creators, with include=created_by.',
  })
  display_name?: string | null;

  @ApiPropertyOptional({ description: 'API-key creators, with include=created_by.' })
  name?: string;

  @ApiPropertyOptional({ description: 'API-key creators, with include=created_by.' })
  key_prefix?: string;
}

/** rules §4 key view: what every list and get answers on every door. */
export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  project_id!: string;

  @ApiProperty({ format: 'uuid' })
  environment_id!: string;

  @ApiProperty({ minLength: 1, maxLength: 100 })
  name!: string;

  @ApiProperty({ example: 'sk_live_AbCd', description: 'The first 12 characters of the key.' })
  key_prefix!: string;

  @ApiProperty({ enum: SCOPES, enumName: 'Scope', isArray: true })
  scopes!: Scope[];

  @ApiProperty({
    enum: KEY_STATUSES,
    enumName: 'KeyStatus',
    description:
      '`active`; `grace`: rotated, still valid until `grace_expires_at`; `expired`: past `expires_at`; `revoked`: revoked, or rotated and out of grace.',
  })
  status!: KeyStatus;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expires_at!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Written in batches, at most once a minute per key.',
  })
  last_used_at!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ type: KeyCreatorDto })
  created_by!: KeyCreatorDto;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the key stopped working: revocation, or the end of its rotation grace.',
  })
  revoked_at!: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The successor after a rotation.',
  })
  replaced_by_key_id!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  grace_expires_at!: string | null;

  @ApiProperty({ type: 'integer', nullable: true, minimum: 1, maximum: 365 })
  rotation_interval_days!: number | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  next_rotation_at!: string | null;

  @ApiProperty({ type: String, nullable: true })
  rotation_webhook_url!: string | null;

  @ApiProperty({ type: KeyRateLimitDto, nullable: true })
  rate_limit!: KeyRateLimitDto | null;

  @ApiPropertyOptional({ type: KeyUsageSummaryDto, description: 'With include=usage: the last 30 UTC days.' })
  usage?: KeyUsageSummaryDto;

  @ApiPropertyOptional({
    type: () => ApiKeyDto,
    isArray: true,
    description: 'With include=history: the keys this one replaced, newest first.',
  })
  history?: ApiKeyDto[];
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The raw key. Returned exactly once.', example: 'sk_live_…' })
  key!: string;

  @ApiProperty({ example: KEY_MESSAGES.stored })
  message!: string;
}

export class RotatedApiKeyDto extends CreatedApiKeyDto {
  @ApiProperty({ format: 'uuid', description: 'The key that was rotated (now in grace or revoked).' })
  old_key_id!: string;
}

/** `POST /api-keys/{id}/rotate`. */
export class ApiKeyRotationDto {
  @ApiProperty({ format: 'uuid' })
  old_key_id!: string;

  @ApiProperty({ format: 'uuid' })
  new_key_id!: string;

  @ApiProperty({ format: 'uuid' })
  project_id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ description: 'The raw new key. Returned exactly once.' })
  key!: string;

  @ApiProperty()
  key_prefix!: string;

  @ApiProperty({ enum: SCOPES, enumName: 'Scope', isArray: true })
  scopes!: Scope[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expires_at!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Until when the old key keeps working; null when it was revoked at once.',
  })
  grace_expires_at!: string | null;

  @ApiProperty({ example: KEY_MESSAGES.oldKeyInvalid })
  message!: string;
}

export class PortalKeyListDto {
  @ApiProperty({ type: [ApiKeyDto] })
  keys!: ApiKeyDto[];
}
