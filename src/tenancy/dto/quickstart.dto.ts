import { ApiProperty } from '@nestjs/swagger';
import { QUICKSTART_STEPS, type QuickstartStep } from '../tenant-milestone.entity.js';

export class QuickstartStepDto {
  @ApiProperty({ enum: QUICKSTART_STEPS, enumName: 'QuickstartStep' })
  id!: QuickstartStep;

  @ApiProperty({ example: 'Create an API key' })
  title!: string;

  @ApiProperty()
  completed!: boolean;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'The first time it happened.',
  })
  completed_at!: string | null;
}

export class QuickstartDto {
  @ApiProperty({
    type: [QuickstartStepDto],
    description: 'In order: create_api_key, define_schema, upload_data, first_search.',
  })
  steps!: QuickstartStepDto[];

  @ApiProperty()
  all_completed!: boolean;
}
