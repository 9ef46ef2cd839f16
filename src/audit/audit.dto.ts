import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsInstant } from '../common/validators.js';
import { ACTOR_TYPES } from '../common/vocabulary.js';
import { AUDIT_ACTIONS, type AuditAction } from './audit-actions.js';

/** A `next_cursor` (an event's sequence number); 18 digits at most, so that every cursor fits a bigint (19 nines did not: 500). */
const CURSOR_PATTERN = /^[0-9]{1,18}$/;

export class AuditQueryDto {
  @ApiPropertyOptional({ enum: AUDIT_ACTIONS, enumName: 'AuditAction' })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS, { message: `action must be one of: ${AUDIT_ACTIONS.join(', ')}` })
  action?: AuditAction;

  @ApiPropertyOptional({ description: 'Id of the user, API key or "system" that acted.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  actor_id?: string;

  @ApiPropertyOptional({ description: 'Id of the object acted upon.' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  target_id?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only events at or after this instant.' })
  @IsOptional()
  @IsInstant()
  since?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only events before this instant.' })
  @IsOptional()
  @IsInstant()
  until?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({
    description: 'The `next_cursor` of the previous page.',
    pattern: CURSOR_PATTERN.source,
  })
  @IsOptional()
  @Matches(CURSOR_PATTERN, { message: 'cursor is not a cursor returned by this API' })
  cursor?: string;
}

export class AuditActorDto {
  @ApiProperty({ enum: ACTOR_TYPES, enumName: 'ActorType' })
  type!: (typeof ACTOR_TYPES)[number];

  @ApiProperty({ type: String, nullable: true })
  id!: string | null;
}

export class AuditTargetDto {
  @ApiProperty({ example: 'api_key' })
  type!: string;

  @ApiProperty()
  id!: string;
}

export class AuditEventDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'date-time' })
  occurred_at!: string;

  @ApiProperty({ enum: AUDIT_ACTIONS, enumName: 'AuditAction' })
  action!: AuditAction;

  @ApiProperty({ type: AuditActorDto })
  actor!: AuditActorDto;

  @ApiProperty({ type: AuditTargetDto, nullable: true })
  target!: AuditTargetDto | null;

  @ApiProperty({ type: String, nullable: true })
  ip!: string | null;

  @ApiProperty({ type: String, nullable: true })
  user_agent!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true })
  metadata!: Record<string, unknown>;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEventDto] })
  events!: AuditEventDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next (older) page; null at the end.',
  })
  next_cursor!: string | null;
}
