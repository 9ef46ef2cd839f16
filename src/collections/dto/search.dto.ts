import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import {
  IsBoolean,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { DATE_INPUT_PATTERN } from '../../common/dates.js';
import { FreeFormJson } from '../../common/json-shape.js';
import { MAX_OFFSET } from '../../common/pagination.dto.js';
import { NAME_PATTERN, NAME_RULE, VISIBILITIES, type Visibility } from '../collections.constants.js';

export const TOTAL_RELATIONS = ['eq', 'gte'] as const;
export type TotalRelation = (typeof TOTAL_RELATIONS)[number];

const EXACT_TOTAL_DESCRIPTION =
  'Count every match for `total`, at the cost of reading them all (a broad word can match most of a collection). Default: false — `total` is exact up to SEARCH_EXACT_TOTAL_LIMIT matches (1,000 unless the operator set another) and a lower bound beyond it (`total_relation: "gte"`).';
const TOTAL_DESCRIPTION =
  'Matching records, every page: exact when `total_relation` is `eq`; when it is `gte`, a lower bound (there are more matches than the count limit, SEARCH_EXACT_TOTAL_LIMIT, 1,000 by default: `total` is that limit, or more when the page itself lies beyond it). Ask `exact_total: true` for the exact count. Pages past the bound are served as any other.';
const TOTAL_RELATION_DESCRIPTION =
  '`eq`: `total` is the exact number of matches. `gte`: there are at least `total` matches (counting stopped at the limit).';

/** A date bound: what normalizeDate takes (common/dates.ts), not only `format: date`. */
const RANGE_DATE = { type: 'string', pattern: DATE_INPUT_PATTERN.source } as const;
const RANGE_BOUND =
  'A number for number and integer fields; for date fields a date (`2024-05-01`) or a date-time (`2024-05-01T12:00:00Z`; `T` or a space, seconds and zone optional, no zone means UTC). An impossible day or time (`2024-02-30`, `12:60`) answers 422.';

export class RangeFilterDto {
  @ApiPropertyOptional({
    oneOf: [{ type: 'number' }, RANGE_DATE],
    description: `At least this (inclusive). ${RANGE_BOUND}`,
  })
  gte?: number | string;

  @ApiPropertyOptional({
    oneOf: [{ type: 'number' }, RANGE_DATE],
    description: `At most this (inclusive); a date without a time includes that whole day. ${RANGE_BOUND}`,
  })
  lte?: number | string;
}

@ApiExtraModels(RangeFilterDto)
export class SearchDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 500,
    pattern: '\\S',
    description: 'Not blank (at least one character that is not white space).',
    example: 'ball bearing',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @Matches(/\S/, { message: 'query must not be blank' })
  query!: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, description: 'Default: 10.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_OFFSET, description: 'Default: 0.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET)
  offset?: number;

  @ApiPropertyOptional({ example: 'part', pattern: NAME_PATTERN.source })
  @IsOptional()
  @Matches(NAME_PATTERN, { message: `record_type ${NAME_RULE}` })
  record_type?: string;

  @ApiPropertyOptional({
    type: 'object',
    description:
      'Filters on `filterable` schema fields: `{field: value}` (equality; for `string[]` fields: contains the value) or `{field: {gte, lte}}` (number, integer and date fields). Any other field: 422.',
    additionalProperties: {
      oneOf: [
        { type: 'string' },
        { type: 'number' },
        { type: 'boolean' },
        { $ref: getSchemaPath(RangeFilterDto) },
      ],
    },
    example: { in_stock: true, price: { gte: 1, lte: 10 } },
  })
  @IsOptional()
  @IsObject()
  @FreeFormJson()
  filters?: Record<string, unknown>;

  @ApiPropertyOptional({
    description:
      'When the words of the query match no record, search again with each word replaced by the words of the collection closest to it: resembling it by trigrams (pg_trgm similarity ≥ 0.3) and fewest edits away (at most 1 for words of up to 4 letters, 2 for longer ones), so misspellings (`bearng`) still find records, scored below 0.5. Default: true.',
  })
  @IsOptional()
  @IsBoolean()
  fuzzy?: boolean;

  @ApiPropertyOptional({ description: EXACT_TOTAL_DESCRIPTION })
  @IsOptional()
  @IsBoolean()
  exact_total?: boolean;
}

export class SearchResultDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  description!: string | null;

  @ApiProperty()
  record_type!: string;

  @ApiProperty({ enum: VISIBILITIES, enumName: 'Visibility' })
  visibility!: Visibility;

  @ApiProperty({
    description:
      'Relevance in [0, 1): full-text matches score 0.5 and above — 0.75 and above when the name holds every searched word, ranked by full-text rank within each tier (name > description > searchable fields); corrected (fuzzy) matches, when nothing matches the words as typed, below 0.5 in the same two tiers.',
  })
  score!: number;

  @ApiProperty({ type: 'object', additionalProperties: true })
  collection_data!: Record<string, unknown>;
}

export class SearchResponseDto {
  @ApiProperty()
  query!: string;

  @ApiProperty()
  collection!: string;

  @ApiProperty({ type: [SearchResultDto] })
  results!: SearchResultDto[];

  @ApiProperty({ description: TOTAL_DESCRIPTION })
  total!: number;

  @ApiProperty({ enum: TOTAL_RELATIONS, enumName: 'TotalRelation', description: TOTAL_RELATION_DESCRIPTION })
  total_relation!: TotalRelation;

  @ApiProperty({ description: 'Time spent searching, in milliseconds.' })
  took_ms!: number;
}

export class OpenSearchDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 500,
    pattern: '\\S',
    description: 'Not blank (at least one character that is not white space).',
    example: 'ball bearing',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @Matches(/\S/, { message: 'query must not be blank' })
  query!: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, description: 'Default: 10.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({
    description: 'Only collections of this name (any tenant).',
    example: 'products',
    pattern: NAME_PATTERN.source,
  })
  @IsOptional()
  @Matches(NAME_PATTERN, { message: `collection ${NAME_RULE}` })
  collection?: string;

  @ApiPropertyOptional({ description: EXACT_TOTAL_DESCRIPTION })
  @IsOptional()
  @IsBoolean()
  exact_total?: boolean;
}

export class ProviderDto {
  @ApiProperty({ format: 'uuid' })
  tenant_id!: string;

  @ApiProperty({ example: 'Acme Bearings' })
  name!: string;
}

export class OpenSearchResultDto extends SearchResultDto {
  @ApiProperty()
  collection!: string;

  @ApiProperty({ type: ProviderDto, description: 'The tenant that publishes the record.' })
  provider!: ProviderDto;
}

export class OpenSearchResponseDto {
  @ApiProperty({ type: [OpenSearchResultDto] })
  results!: OpenSearchResultDto[];

  @ApiProperty({ description: TOTAL_DESCRIPTION })
  total!: number;

  @ApiProperty({ enum: TOTAL_RELATIONS, enumName: 'TotalRelation', description: TOTAL_RELATION_DESCRIPTION })
  total_relation!: TotalRelation;
}
