import { ApiProperty } from '@nestjs/swagger';

const CHECK_STATES = ['ok', 'down', 'disabled'] as const;

export class HealthChecksDto {
  @ApiProperty({ enum: CHECK_STATES, enumName: 'CheckState' })
  database!: (typeof CHECK_STATES)[number];

  @ApiProperty({ enum: CHECK_STATES, enumName: 'CheckState' })
  redis!: (typeof CHECK_STATES)[number];

  @ApiProperty({ enum: CHECK_STATES, enumName: 'CheckState' })
  queue!: (typeof CHECK_STATES)[number];
}

export class QueueDetailsDto {
  @ApiProperty({ description: 'Background jobs waiting (due now or later, retries included) or running.' })
  depth!: number;

  @ApiProperty({ description: 'Jobs running now (on any instance).' })
  running!: number;

  @ApiProperty({
    description:
      'Seconds the longest-waiting due job has waited to be picked up; 0 when none waits. A growing value means the workers do not keep up (or none runs).',
  })
  oldest_pending_age_seconds!: number;
}

export class HealthDetailsDto {
  @ApiProperty({
    type: QueueDetailsDto,
    nullable: true,
    description: 'null while the database cannot be read.',
  })
  queue!: QueueDetailsDto | null;
}

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded', 'error'], enumName: 'HealthStatus' })
  status!: 'ok' | 'degraded' | 'error';

  @ApiProperty({ type: HealthChecksDto })
  checks!: HealthChecksDto;

  @ApiProperty({ type: HealthDetailsDto })
  details!: HealthDetailsDto;

  @ApiProperty({ example: '0.1.0' })
  version!: string;
}
