import { Injectable, type PipeTransform } from '@nestjs/common';
import { ApiError } from '../common/api-error.js';
import type { DocumentedParamPipe, ParamSchema } from '../common/param-schema.js';
import { NAME_PATTERN, NAME_RULE } from './collections.constants.js';

/** Path segments naming a collection or record type: 422 naming the segment when malformed (rules §5). */
@Injectable()
export class NameParamPipe implements PipeTransform<string, string>, DocumentedParamPipe {
  readonly paramSchema: ParamSchema = { pattern: NAME_PATTERN.source };

  constructor(private readonly field: 'collection' | 'record_type' | 'name') {}

  transform(value: string): string {
    if (typeof value !== 'string' || !NAME_PATTERN.test(value)) {
      throw ApiError.field(this.field, NAME_RULE);
    }
    return value;
  }
}
