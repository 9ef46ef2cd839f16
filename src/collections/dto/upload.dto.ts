import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsObject, IsOptional, Matches } from 'class-validator';
import { FreeFormJson } from '../../common/json-shape.js';
import { PaginationQueryDto } from '../../common/pagination.dto.js';
import {
  MAX_BATCH_RECORDS,
  NAME_PATTERN,
  NAME_RULE,
  UPLOAD_MODES,
  UPLOAD_STATUSES,
  type UploadMode,
  type UploadStatus,
} from '../collections.constants.js';

const MODE_DESCRIPTION =
  '`append` (the default) adds every row; `upsert` updates the record with the same `external_id` (rows without one are added); ' +
  '`replace` stages the rows invisibly and, when the whole upload succeeded, swaps them in for all records of the ' +
  'record type in one transaction (nothing changes when it fails).';

export class IngestDto {
  @ApiProperty({
    type: 'array',
    minItems: 1,
    maxItems: MAX_BATCH_RECORDS,
    items: { type: 'object', additionalProperties: true },
    description:
      'Records: objects with `name` (required), `description`, `external_id`, `visibility`, `collection_data`; any other key goes into collection_data.',
    example: [{ name: 'Ball bearing 6204', external_id: 'BRG-6204', price: 4.2 }],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_RECORDS)
  @IsObject({ each: true, message: 'each record must be a JSON object' })
  @FreeFormJson()
  records!: Record<string, unknown>[];

  @ApiPropertyOptional({
    enum: UPLOAD_MODES,
    enumName: 'UploadMode',
    description: MODE_DESCRIPTION,
  })
  @IsOptional()
  @IsIn(UPLOAD_MODES, { message: `mode must be one of: ${UPLOAD_MODES.join(', ')}` })
  mode?: UploadMode;
}

export class IngestAcceptedDto {
  @ApiProperty({ format: 'uuid' })
  upload_id!: string;

  @ApiProperty({ enum: UPLOAD_STATUSES, enumName: 'UploadStatus', example: 'pending' })
  status!: UploadStatus;

  @ApiProperty({ description: 'Records accepted for processing.' })
  accepted!: number;
}

/** The multipart body of an upload (documentation of `multipart/form-data`). */
export class UploadFileBodyDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description:
      'The file, at most 50 MiB, UTF-8: `.csv` (RFC 4180, header row, optional BOM), `.json` (an array of objects) or `.ndjson`/`.jsonl` (one object per line). The type is taken from the file name, else from the part’s media type.',
  })
  file!: unknown;

  @ApiPropertyOptional({
    enum: UPLOAD_MODES,
    enumName: 'UploadMode',
    description: MODE_DESCRIPTION,
  })
  mode?: UploadMode;
}

export class UploadAcceptedDto {
  @ApiProperty({ format: 'uuid' })
  upload_id!: string;

  @ApiProperty({
    enum: UPLOAD_STATUSES,
    enumName: 'UploadStatus',
    description:
      '`pending` when queued; `failed` when the file cannot be parsed (see `GET /uploads/{id}` for why).',
  })
  status!: UploadStatus;

  @ApiProperty({ description: 'Data rows found in the file (the CSV header is not a row).' })
  rows_received!: number;
}

export class UploadErrorDto {
  @ApiProperty({ description: '1-based data row (the CSV header is not a row; 0 when not about one row).' })
  row!: number;

  @ApiProperty({ example: 'name is required' })
  message!: string;
}

export class UploadDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'products' })
  collection!: string;

  @ApiProperty({ example: 'part' })
  record_type!: string;

  @ApiProperty({ enum: UPLOAD_MODES, enumName: 'UploadMode' })
  mode!: UploadMode;

  @ApiProperty({ enum: UPLOAD_STATUSES, enumName: 'UploadStatus' })
  status!: UploadStatus;

  @ApiProperty()
  rows_total!: number;

  @ApiProperty({ description: 'Rows stored as indexed records.' })
  rows_indexed!: number;

  @ApiProperty({
    description:
      'Rows skipped (no name, not a record, over the record cap) plus rows stored as `failed` records.',
  })
  rows_failed!: number;

  @ApiProperty({ type: [UploadErrorDto], description: 'The first 100 row errors.' })
  errors!: UploadErrorDto[];

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finished_at!: string | null;
}

export class UploadListQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({
    description: 'Only uploads into this collection.',
    example: 'products',
    pattern: NAME_PATTERN.source,
  })
  @IsOptional()
  @Matches(NAME_PATTERN, { message: `collection ${NAME_RULE}` })
  collection?: string;
}

export class UploadListDto {
  @ApiProperty({ type: [UploadDto], description: 'Newest first.' })
  uploads!: UploadDto[];

  @ApiProperty()
  total!: number;
}
