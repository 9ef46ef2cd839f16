import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'scopes[1]' })
  field!: string;

  @ApiProperty({ example: 'must be one of: search, ingest, ...' })
  message!: string;
}

/** rules §0: the body of every error. */
export class ErrorDto {
  @ApiProperty({ description: 'A human sentence.', example: 'API key not found.' })
  detail!: string;

  @ApiProperty({ description: 'Machine code.', example: 'not_found' })
  error!: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Field errors (422 validation_error).' })
  errors?: FieldErrorDto[];

  @ApiPropertyOptional({ type: [String], description: 'Scopes the route needs (403 insufficient_scope).' })
  required_scopes?: string[];

  @ApiPropertyOptional({
    type: 'integer',
    description:
      "The plan's limit that was reached (403 plan_limit_reached): its record cap, or its max_collections.",
    example: 3,
  })
  limit?: number;

  @ApiPropertyOptional({ description: 'Request id of an unexpected error (500), also in the server log.' })
  request_id?: string;
}
