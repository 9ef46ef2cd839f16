import { HttpException } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * A domain error carrying the rules §0 machine code. Domain code throws these; the global filter
 * writes `{detail, error, ...extra}`.
 */
export class ApiError extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super({ detail, error: code, ...extra }, status);
  }

  static notFound(what = 'Resource'): ApiError {
    return new ApiError(404, 'not_found', `${what} not found.`);
  }

  static validation(errors: FieldError[], detail = 'The request is invalid.'): ApiError {
    return new ApiError(422, 'validation_error', detail, { errors });
  }

  static field(field: string, message: string): ApiError {
    return ApiError.validation([{ field, message }], `${field}: ${message}`);
  }

  static conflict(detail: string, code = 'conflict'): ApiError {
    return new ApiError(409, code, detail);
  }

  static forbidden(detail: string, code = 'forbidden', extra: Record<string, unknown> = {}): ApiError {
    return new ApiError(403, code, detail, extra);
  }

  static unauthorized(code: string, detail: string): ApiError {
    return new ApiError(401, code, detail);
  }

  static tooMany(
    code: string,
    detail: string,
    retryAfterSeconds: number,
    headers: Record<string, string> = {},
  ): ApiError {
    return new ApiError(
      429,
      code,
      detail,
      {},
      { ...headers, 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
    );
  }
}
