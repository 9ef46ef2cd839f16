import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './api-error.js';
import { isDatabaseUnavailable } from './database-errors.js';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_error',
  429: 'rate_limited',
  503: 'unavailable',
};

const FASTIFY_CODES: Record<string, { status: number; error: string; detail: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    error: 'invalid_json',
    detail: 'The body is not valid JSON.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    error: 'invalid_json',
    detail: 'The body is empty but the content type is JSON.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    error: 'payload_too_large',
    detail: 'The body is larger than 1 MiB.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    error: 'unsupported_media_type',
    detail: 'Unsupported content type; send application/json.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    error: 'bad_request',
    detail: 'The Content-Length header does not match the body.',
  },
  FST_ERR_CTP_INVALID_TYPE: {
    status: 415,
    error: 'unsupported_media_type',
    detail: 'Unsupported content type.',
  },
};

export interface ErrorAnswer {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** Maps anything thrown to the rules §0 error shape. */
export function toErrorAnswer(error: unknown, requestId: string, logger: Logger): ErrorAnswer {
  if (error instanceof ApiError)
    return {
      status: error.getStatus(),
      body: error.getResponse() as Record<string, unknown>,
      headers: error.headers,
    };
  // Nest wraps Fastify's own errors (body parsing, limits) in an HttpException with the original as cause.
  if (
    error instanceof HttpException &&
    error.cause &&
    typeof (error.cause as { code?: unknown }).code === 'string'
  ) {
    error = error.cause;
  }
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && FASTIFY_CODES[code]) {
    const known = FASTIFY_CODES[code];
    return { status: known.status, body: { detail: known.detail, error: known.error } };
  }
  if (error instanceof SyntaxError && (error as { statusCode?: number }).statusCode === 400) {
    return { status: 400, body: { detail: 'The body is not valid JSON.', error: 'invalid_json' } };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : typeof (response as { message?: unknown }).message === 'string'
          ? (response as { message: string }).message
          : error.message;
    if (status === 404) return { status, body: { detail: 'No such route.', error: 'not_found' } };
    if (status >= 500) logger.error({ err: error, request_id: requestId }, 'http exception');
    return {
      status,
      body: {
        detail: message,
        error: CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'bad_request'),
      },
    };
  }
  // The client closed the connection while sending its body (Node: Error "aborted", ECONNRESET): not the
  // database's doing, and nobody is left to read an answer.
  if (
    (error as { message?: unknown })?.message === 'aborted' &&
    (error as { code?: unknown }).code === 'ECONNRESET'
  ) {
    return { status: 400, body: { detail: 'The request was aborted by the client.', error: 'bad_request' } };
  }
  if (isDatabaseUnavailable(error)) {
    logger.warn({ request_id: requestId, err: (error as Error).message }, 'database unavailable');
    return {
      status: 503,
      body: { detail: 'The database is unavailable; try again shortly.', error: 'unavailable' },
      headers: { 'retry-after': '5' },
    };
  }
  const statusCode = (error as { statusCode?: unknown })?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return {
      status: statusCode,
      body: { detail: (error as Error).message, error: CODE_BY_STATUS[statusCode] ?? 'bad_request' },
    };
  }
  logger.error({ err: error, request_id: requestId }, 'unexpected error');
  return {
    status: 500,
    body: {
      detail: 'An unexpected error occurred. Quote the request id when reporting it.',
      error: 'internal_error',
      request_id: requestId,
    },
  };
}

export function sendError(
  reply: FastifyReply,
  request: FastifyRequest,
  error: unknown,
  logger: Logger,
): void {
  const answer = toErrorAnswer(error, String(request.id), logger);
  if (answer.headers) reply.headers(answer.headers);
  void reply.status(answer.status).type('application/json; charset=utf-8').send(answer.body);
}

/** The one global filter: every error leaves in the rules §0 shape. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendError(http.getResponse<FastifyReply>(), http.getRequest<FastifyRequest>(), error, this.logger);
  }
}
