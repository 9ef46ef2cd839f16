import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PaginationQueryDto } from '../../common/pagination.dto.js';
import { IsInstant } from '../../common/validators.js';
import { SCOPES, type Scope } from '../../common/scopes.js';
import {
  KEY_INCLUDES,
  KEY_STATUS_FILTERS,
  MAX_GRACE_SECONDS,
  type KeyInclude,
  type KeyStatusFilter,
} from '../key-policy.js';

export class KeyRateLimitInputDto {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    description: "At most the tenant's requests per minute (plan or custom limit).",
  })
  @IsInt()
  @Min(1)
  requests_per_minute!: number;
}

/** The body fields shared by every door's create. */
export abstract class KeyFieldsDto {
  @ApiProperty({ minLength: 1, maxLength: 100, pattern: '\\S', description: 'Not blank.' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @ApiProperty({
    enum: SCOPES,
    enumName: 'Scope',
    isArray: true,
    minItems: 1,
    maxItems: 50,
    description:
      'At least one. Unknown scopes: 422 naming them (`scopes[1]`). A key may only grant scopes it holds itself; a developer never `admin`, `keys:*` or `audit:read` (403).',
  })
  @IsArray()
  @ArrayMaxSize(50)
  scopes!: Scope[];

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'Must be in the future. Required when the tenant requires key expiration; at most `max_key_lifetime_days` ahead when the tenant sets it (422). Never filled in for you. null or absent: the key does not expire.',
  })
  @IsOptional()
  @IsInstant({ message: 'expires_at must be an ISO 8601 date-time such as 2030-01-01T00:00:00Z' })
  expires_at?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Default: the environment named `production` of the project, else its first `live` one.',
  })
  @IsOptional()
  @IsUUID()
  environment_id?: string;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 1,
    maximum: 365,
    description:
      'Rotate the key on a schedule: sets `next_rotation_at`; the old key keeps a 24 h grace. null or absent: no scheduled rotation.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  rotation_interval_days?: number | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 2048,
    description:
      'Receives the signed `api_key.rotated` event of scheduled rotations. https only, and it must not resolve to a private, loopback or link-local address (unless the server runs with WEBHOOK_ALLOW_PRIVATE=true, which also allows http). null or absent: none.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  rotation_webhook_url?: string | null;

  @ApiPropertyOptional({
    type: KeyRateLimitInputDto,
    nullable: true,
    description: 'null or absent: the tenant limit only.',
  })
  @IsOptional()
  @IsObject({ message: 'rate_limit must be an object {requests_per_minute} or null' })
  @ValidateNested()
  @Type(() => KeyRateLimitInputDto)
  rate_limit?: KeyRateLimitInputDto | null;
}

/** `/auth/keys` and `/portal/keys`: without `project_id`, the tenant's `default` project. */
export class CreateKeyDto extends KeyFieldsDto {
  @ApiPropertyOptional({ format: 'uuid', description: "Default: the tenant's `default` project." })
  @IsOptional()
  @IsUUID()
  project_id?: string;
}

/** `/api-keys`: `project_id` required. */
export class CreateProjectKeyDto extends KeyFieldsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  project_id!: string;
}

export class RotateKeyDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: MAX_GRACE_SECONDS,
    default: 0,
    description: '0 revokes the old key at once; otherwise it keeps working until `grace_expires_at`.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_GRACE_SECONDS)
  grace_period_seconds?: number;
}

abstract class KeyListFiltersDto extends PaginationQueryDto {
  @ApiPropertyOptional({
    enum: KEY_STATUS_FILTERS,
    enumName: 'KeyStatusFilter',
    description:
      'Default: every status but `revoked` (revoked keys leave the default lists); `all`: every key.',
  })
  @IsOptional()
  @IsIn(KEY_STATUS_FILTERS, { message: `status must be one of: ${KEY_STATUS_FILTERS.join(', ')}` })
  status?: KeyStatusFilter;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  environment_id?: string;
}

export class ListKeysQueryDto extends KeyListFiltersDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the keys of this project.' })
  @IsOptional()
  @IsUUID()
  project_id?: string;
}

export class ListProjectKeysQueryDto extends KeyListFiltersDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  project_id!: string;
}

const splitList = ({ value }: { value: unknown }): unknown => {
  const items: unknown[] = Array.isArray(value) ? (value as unknown[]) : [value];
  return items.flatMap((item) =>
    typeof item === 'string'
      ? item
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [item],
  );
};

export class GetKeyQueryDto {
  @ApiPropertyOptional({
    enum: KEY_INCLUDES,
    enumName: 'KeyInclude',
    isArray: true,
    description:
      'Comma list (`include=usage,history`) or repeated: `usage` (last 30 days), `history` (the keys this one replaced), `created_by` (details of the user or key that made it), `all`. Unknown token: 422.',
  })
  @IsOptional()
  @Transform(splitList)
  @IsIn(KEY_INCLUDES, { each: true, message: `include must be a comma list of: ${KEY_INCLUDES.join(', ')}` })
  include?: KeyInclude[];
}
