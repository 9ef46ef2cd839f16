import { Injectable, type PipeTransform } from '@nestjs/common';
import { ApiError } from './api-error.js';
import type { DocumentedParamPipe, ParamSchema } from './param-schema.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): boolean {
  return typeof value === 'string' && UUID.test(value);
}

/**
 * Path ids: anything that is not a UUID cannot name a resource, so it answers 404 `not_found`
 * exactly like a missing or foreign id (and never reaches PostgreSQL as a bad uuid).
 */
@Injectable()
export class IdParamPipe implements PipeTransform<string, string>, DocumentedParamPipe {
  readonly paramSchema: ParamSchema = { format: 'uuid' };

  constructor(private readonly what = 'Resource') {}

  transform(value: string): string {
    if (!isUuid(value)) throw ApiError.notFound(this.what);
    return value.toLowerCase();
  }
}
