import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PLAN_NAMES, type PlanName } from '../../common/vocabulary.js';

const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export class PeriodQueryDto {
  @ApiPropertyOptional({
    pattern: PERIOD_PATTERN.source,
    example: '2026-03',
    description: 'A UTC month, YYYY-MM (default: the current one).',
  })
  @IsOptional()
  @Matches(PERIOD_PATTERN, { message: 'period must be a month as YYYY-MM' })
  period?: string;
}

export class MetricUsageDto {
  @ApiProperty()
  used!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Included in the plan; null when the plan sets none.',
  })
  included!: number | null;

  @ApiProperty()
  overage!: number;

  @ApiProperty({ description: 'EUR, rounded to cents.' })
  overage_cost!: number;
}

export class UsageRateLimitDto {
  @ApiProperty()
  requests_per_minute!: number;

  @ApiProperty()
  search_per_minute!: number;

  @ApiProperty({ description: '-1: unlimited.' })
  max_collections!: number;
}

export class UsageDto {
  @ApiProperty({ format: 'uuid' })
  tenant_id!: string;

  @ApiProperty({ enum: PLAN_NAMES, enumName: 'PlanName' })
  plan!: PlanName;

  @ApiProperty({ example: '2026-11' })
  period!: string;

  @ApiProperty({
    type: MetricUsageDto,
    description: 'Records are a level, not a flow: `used` is the number of records now, whatever the period.',
  })
  records!: MetricUsageDto;

  @ApiProperty({ type: MetricUsageDto, description: 'Searches in the period (API and portal).' })
  searches!: MetricUsageDto;

  @ApiProperty({ type: UsageRateLimitDto })
  rate_limit!: UsageRateLimitDto;

  @ApiProperty()
  allows_overage!: boolean;

  @ApiProperty({ description: 'EUR: records.overage_cost + searches.overage_cost.' })
  estimated_overage_total!: number;
}

export class ChangePlanDto {
  @ApiProperty({ enum: PLAN_NAMES, enumName: 'PlanName' })
  @IsIn(PLAN_NAMES, { message: `plan must be one of: ${PLAN_NAMES.join(', ')}` })
  plan!: PlanName;
}
