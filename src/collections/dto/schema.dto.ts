import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  ValidateNested,
} from 'class-validator';
import { FIELD_TYPES, MAX_SCHEMA_FIELDS, type FieldType } from '../collections.constants.js';

export const FIELD_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]{0,62}$/;

export class SchemaFieldInputDto {
  @ApiProperty({
    pattern: FIELD_NAME_PATTERN.source,
    description:
      'Key in `collection_data` (`^[A-Za-z_][A-Za-z0-9_-]{0,62}$`; not `id`, `name`, `description`, `external_id`, `visibility`, `collection_data`).',
    example: 'price',
  })
  @IsString()
  @Matches(FIELD_NAME_PATTERN, { message: 'name must match ^[A-Za-z_][A-Za-z0-9_-]{0,62}$' })
  name!: string;

  @ApiProperty({ enum: FIELD_TYPES, enumName: 'FieldType' })
  @IsIn(FIELD_TYPES, { message: `type must be one of: ${FIELD_TYPES.join(', ')}` })
  type!: FieldType;

  @ApiPropertyOptional({ description: 'Records without this field fail validation. Default: false.' })
  @IsOptional()
  @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional({
    description: 'The value joins the full-text index (weighted below name and description). Default: false.',
  })
  @IsOptional()
  @IsBoolean()
  searchable?: boolean;

  @ApiPropertyOptional({
    description:
      'The field may be used in search `filters` (equality; `gte`/`lte` for number, integer and date). Default: false.',
  })
  @IsOptional()
  @IsBoolean()
  filterable?: boolean;
}

export class PutSchemaDto {
  @ApiProperty({ type: [SchemaFieldInputDto], maxItems: MAX_SCHEMA_FIELDS })
  @IsArray()
  @ArrayMaxSize(MAX_SCHEMA_FIELDS)
  @ValidateNested({ each: true })
  @Type(() => SchemaFieldInputDto)
  fields!: SchemaFieldInputDto[];
}

export class SchemaFieldDto {
  @ApiProperty({ example: 'price' })
  name!: string;

  @ApiProperty({ enum: FIELD_TYPES, enumName: 'FieldType' })
  type!: FieldType;

  @ApiProperty()
  required!: boolean;

  @ApiProperty()
  searchable!: boolean;

  @ApiProperty()
  filterable!: boolean;
}

export class SchemaDto {
  @ApiProperty({ example: 'products' })
  collection!: string;

  @ApiProperty({ example: 'part' })
  record_type!: string;

  @ApiProperty({ type: [SchemaFieldDto] })
  fields!: SchemaFieldDto[];

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}

export class RecordTypeSchemaDto {
  @ApiProperty({ example: 'part' })
  record_type!: string;

  @ApiProperty({ type: [SchemaFieldDto] })
  fields!: SchemaFieldDto[];

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}

export class CollectionSchemasDto {
  @ApiProperty({ example: 'products' })
  collection!: string;

  @ApiProperty({ type: [RecordTypeSchemaDto] })
  record_types!: RecordTypeSchemaDto[];
}
