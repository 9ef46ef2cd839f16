import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { FreeFormJson } from '../../common/json-shape.js';
import { PaginationQueryDto } from '../../common/pagination.dto.js';
import {
  INDEXING_STATUSES,
  MAX_DESCRIPTION_LENGTH,
  MAX_EXTERNAL_ID_LENGTH,
  MAX_NAME_LENGTH,
  NAME_PATTERN,
  NAME_RULE,
  VISIBILITIES,
  type IndexingStatus,
  type Visibility,
} from '../collections.constants.js';

const COLLECTION_DATA = {
  type: 'object',
  additionalProperties: true,
  description: 'Free-form fields, validated against the record type’s schema when it has one.',
  example: { sku: 'BRG-6204', price: 4.2, tags: ['steel'] },
} as const;

/** rules §5: the record shape, on every door. */
export class RecordDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Your own id; unique per collection and record type.',
  })
  external_id!: string | null;

  @ApiProperty({ example: 'Deep groove ball bearing 6204' })
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  description!: string | null;

  @ApiProperty({ example: 'products' })
  collection!: string;

  @ApiProperty({ example: 'part' })
  record_type!: string;

  @ApiProperty({ enum: VISIBILITIES, enumName: 'Visibility' })
  visibility!: Visibility;

  @ApiProperty({ enum: INDEXING_STATUSES, enumName: 'IndexingStatus' })
  indexing_status!: IndexingStatus;

  @ApiProperty({ type: String, nullable: true, description: 'Why the record failed validation (`failed`).' })
  indexing_error!: string | null;

  @ApiProperty(COLLECTION_DATA)
  collection_data!: Record<string, unknown>;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}

export class RecordListDto {
  @ApiProperty({ type: [RecordDto] })
  items!: RecordDto[];

  @ApiProperty({ description: 'Records matching the query, all pages.' })
  total!: number;
}

export class CreateRecordDto {
  @ApiProperty({ minLength: 1, maxLength: MAX_NAME_LENGTH, pattern: '\\S', description: 'Not blank.' })
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(MAX_NAME_LENGTH)
  name!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: MAX_DESCRIPTION_LENGTH,
    description: 'null or absent: none.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_DESCRIPTION_LENGTH)
  description?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: MAX_EXTERNAL_ID_LENGTH,
    description: 'null or absent: none.',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_EXTERNAL_ID_LENGTH)
  external_id?: string | null;

  @ApiPropertyOptional({ enum: VISIBILITIES, enumName: 'Visibility', description: 'Default: private.' })
  @IsOptional()
  @IsIn(VISIBILITIES, { message: 'visibility must be one of: private, public' })
  visibility?: Visibility;

  @ApiPropertyOptional(COLLECTION_DATA)
  @IsOptional()
  @IsObject()
  @FreeFormJson()
  collection_data?: Record<string, unknown>;
}

export class UpdateRecordDto {
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: MAX_NAME_LENGTH,
    pattern: '\\S',
    description: 'Not blank.',
  })
  @ValidateIf((_o, v) => v !== undefined)
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(MAX_NAME_LENGTH)
  name?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: MAX_DESCRIPTION_LENGTH,
    description: 'null removes it; absent keeps it.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_DESCRIPTION_LENGTH)
  description?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: MAX_EXTERNAL_ID_LENGTH,
    description: 'null removes it; absent keeps it.',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_EXTERNAL_ID_LENGTH)
  external_id?: string | null;

  @ApiPropertyOptional({ enum: VISIBILITIES, enumName: 'Visibility' })
  @ValidateIf((_o, v) => v !== undefined)
  @IsIn(VISIBILITIES, { message: 'visibility must be one of: private, public' })
  visibility?: Visibility;

  @ApiPropertyOptional({
    ...COLLECTION_DATA,
    description:
      'Merged into the stored collection_data key by key; a key set to null is removed. The result is validated against the schema.',
  })
  @ValidateIf((_o, v) => v !== undefined)
  @IsObject()
  @FreeFormJson()
  collection_data?: Record<string, unknown>;
}

export class RecordListQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({
    description: 'Only records of this type.',
    example: 'part',
    pattern: NAME_PATTERN.source,
  })
  @IsOptional()
  @Matches(NAME_PATTERN, { message: `record_type ${NAME_RULE}` })
  record_type?: string;
}

export class PortalRecordListQueryDto extends RecordListQueryDto {
  @ApiProperty({ example: 'products', pattern: NAME_PATTERN.source })
  @Matches(NAME_PATTERN, { message: `collection ${NAME_RULE}` })
  collection!: string;
}
