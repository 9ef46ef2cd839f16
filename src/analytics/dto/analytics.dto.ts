import { ApiProperty } from '@nestjs/swagger';

export class CollectionAnalyticsDto {
  @ApiProperty()
  collection!: string;

  @ApiProperty()
  record_count!: number;

  @ApiProperty()
  public_count!: number;

  @ApiProperty({ description: 'Open searches in the period in which this collection appeared.' })
  open_searches!: number;

  @ApiProperty({
    format: 'date-time',
    description: 'Last change of a record (or the creation of the collection).',
  })
  last_updated!: string;
}

export class AnalyticsDto {
  @ApiProperty({ format: 'uuid' })
  tenant_id!: string;

  @ApiProperty({ example: '2026-11' })
  period!: string;

  @ApiProperty()
  total_open_searches!: number;

  @ApiProperty({ type: [CollectionAnalyticsDto] })
  collections!: CollectionAnalyticsDto[];
}
