import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_USAGE_DAYS } from '../../common/vocabulary.js';

export class KeyUsageQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_USAGE_DAYS,
    default: 30,
    description: 'UTC days, today included.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_USAGE_DAYS)
  days: number = 30;
}

/** One UTC day of one key. */
export class KeyUsageDayDto {
  @ApiProperty({ format: 'date', example: '2026-03-08' })
  date!: string;

  @ApiProperty({ description: 'Requests the rate limiter let through.' })
  requests!: number;

  @ApiProperty({ description: 'Requests refused with 429 by the rate limiter.' })
  rejected!: number;
}

export class KeyUsageDto {
  @ApiProperty({ format: 'uuid' })
  key_id!: string;

  @ApiProperty({
    type: [KeyUsageDayDto],
    description:
      'One entry per UTC day, oldest first, today last; days without traffic are zeros. Counters are buffered in memory and written every few seconds, so the newest requests may not be counted yet.',
  })
  days!: KeyUsageDayDto[];
}

/** `include=usage` on a key: the last 30 days and their totals. */
export class KeyUsageSummaryDto {
  @ApiProperty({ type: [KeyUsageDayDto] })
  days!: KeyUsageDayDto[];

  @ApiProperty()
  total_requests!: number;

  @ApiProperty()
  total_rejected!: number;
}
