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

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded', 'error'], enumName: 'HealthStatus' })
  status!: 'ok' | 'degraded' | 'error';

  @ApiProperty({ type: HealthChecksDto })
  checks!: HealthChecksDto;

  @ApiProperty({ example: '0.1.0' })
  version!: string;
}
