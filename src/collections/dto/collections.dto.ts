import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PLAN_NAMES, type PlanName } from '../../common/vocabulary.js';
import { NAME_PATTERN, NAME_RULE } from '../collections.constants.js';

export class CollectionSummaryDto {
  @ApiProperty({ example: 'products' })
  name!: string;

  @ApiProperty({
    type: [String],
    description: 'Record types with a schema or with records.',
    example: ['part'],
  })
  record_types!: string[];

  @ApiProperty()
  total_records!: number;

  @ApiProperty()
  indexed!: number;

  @ApiProperty()
  pending!: number;

  @ApiProperty()
  processing!: number;

  @ApiProperty()
  failed!: number;

  @ApiProperty({ description: 'A `replace` upload into this collection is running.' })
  has_pending_replace!: boolean;
}

export class CollectionListDto {
  @ApiProperty({ type: [CollectionSummaryDto] })
  collections!: CollectionSummaryDto[];

  @ApiProperty({ enum: PLAN_NAMES, enumName: 'PlanName' })
  plan!: PlanName;

  @ApiProperty({ type: Number, nullable: true, description: 'Record cap of the plan (null: unlimited).' })
  record_limit!: number | null;

  @ApiProperty({ description: 'Records of every collection.' })
  total_records!: number;
}

export class ExportQueryDto {
  @ApiPropertyOptional({
    description: 'Only records of this type.',
    example: 'part',
    pattern: NAME_PATTERN.source,
  })
  @IsOptional()
  @Matches(NAME_PATTERN, { message: `record_type ${NAME_RULE}` })
  record_type?: string;
}

export class ReindexAcceptedDto {
  @ApiProperty({ example: 'products' })
  collection!: string;

  @ApiProperty({ enum: ['pending'], example: 'pending' })
  status!: 'pending';

  @ApiProperty({ description: 'Records that will be re-validated and re-indexed.' })
  records!: number;
}
