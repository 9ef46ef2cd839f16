import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, Max, Min, registerDecorator, ValidateIf } from 'class-validator';

export const MAX_ALLOWED_IP_RANGES = 100;
export const SESSION_TTL_MINUTES = { min: 5, max: 43200 } as const;
export const MAX_KEY_LIFETIME_DAYS = { min: 1, max: 3650 } as const;

/**
 * An array of at most `max` entries, with one message for either fault. Each entry is checked by the
 * service (normalizeIpRanges), which names it `allowed_ip_ranges[i]`.
 */
function IsRangeList(max: number): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isRangeList',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => Array.isArray(value) && value.length <= max,
        defaultMessage: (args) =>
          Array.isArray(args?.value)
            ? `${args.property} must contain at most ${max} ranges`
            : `${args?.property} must be an array of IP ranges`,
      },
    });
}

/** Present (including null where allowed) = change it; absent = keep it. */
const present = (_: object, value: unknown) => value !== undefined;

export class SecuritySettingsDto {
  @ApiProperty({ description: 'New API keys must carry `expires_at` (else 422).' })
  require_key_expiration!: boolean;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    minimum: MAX_KEY_LIFETIME_DAYS.min,
    maximum: MAX_KEY_LIFETIME_DAYS.max,
    description: 'New API keys may not expire later than this many days after creation (null: no limit).',
  })
  max_key_lifetime_days!: number | null;

  @ApiProperty({
    type: [String],
    example: ['203.0.113.0/24', '2001:db8::/32'],
    description:
      'API-key calls from outside these ranges are refused with 403 `ip_not_allowed`; empty: no restriction. Portal sessions (JWT) are not restricted.',
  })
  allowed_ip_ranges!: string[];

  @ApiProperty({
    type: 'integer',
    minimum: SESSION_TTL_MINUTES.min,
    maximum: SESSION_TTL_MINUTES.max,
    description: 'Lifetime of new portal tokens (login, switch-tenant, invitation accept) for this tenant.',
  })
  session_ttl_minutes!: number;
}

export class UpdateSecuritySettingsDto {
  @ApiPropertyOptional()
  @ValidateIf(present)
  @IsBoolean()
  require_key_expiration?: boolean;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: MAX_KEY_LIFETIME_DAYS.min,
    maximum: MAX_KEY_LIFETIME_DAYS.max,
    description: 'null removes the limit.',
  })
  @ValidateIf((_: object, value: unknown) => value !== undefined && value !== null)
  @IsInt()
  @Min(MAX_KEY_LIFETIME_DAYS.min)
  @Max(MAX_KEY_LIFETIME_DAYS.max)
  max_key_lifetime_days?: number | null;

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_ALLOWED_IP_RANGES,
    example: ['203.0.113.0/24', '198.51.100.7', '2001:db8::/32'],
    description:
      'IPv4/IPv6 CIDRs or single addresses; stored normalised (host bits cleared, single addresses as /32 or /128, duplicates dropped). Replaces the whole list; [] lifts the restriction.',
  })
  @ValidateIf(present)
  @IsRangeList(MAX_ALLOWED_IP_RANGES)
  allowed_ip_ranges?: unknown[];

  @ApiPropertyOptional({
    type: 'integer',
    minimum: SESSION_TTL_MINUTES.min,
    maximum: SESSION_TTL_MINUTES.max,
  })
  @ValidateIf(present)
  @IsInt()
  @Min(SESSION_TTL_MINUTES.min)
  @Max(SESSION_TTL_MINUTES.max)
  session_ttl_minutes?: number;
}
