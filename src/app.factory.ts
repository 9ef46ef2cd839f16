import 'reflect-metadata';
import multipart from '@fastify/multipart';
import helmet from 'helmet';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { LogController, type FastifyBaseLogger, type FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { Logger as PinoLogger } from 'pino';
import { AppModule } from './app.module.js';
import { MULTIPART_LIMITS } from './collections/upload/multipart-body.js';
import { ApiError } from './common/api-error.js';
import { HttpErrorFilter } from './common/http-error.filter.js';
import {
  findNonFinite,
  MAX_JSON_DEPTH,
  mayOverflow,
  nestsDeeperThan,
  NON_FINITE_MESSAGE,
} from './common/json-shape.js';
import { createLogger, PinoNestLogger } from './common/logger.js';
import { QueryParametersGuard } from './common/query-parameters.guard.js';
import { findUnstorable, UNSTORABLE_MESSAGE } from './common/storable-text.js';
import { AppValidationPipe } from './common/validation.js';
import type { AppConfig } from './config/app-config.js';
import { registerDashboard } from './dashboard/dashboard-static.js';
import { MCP_PATH } from './mcp/mcp.controller.js';
import { McpService } from './mcp/mcp.service.js';
import type { OpenApiDocument } from './mcp/tool-schemas.js';
import { buildOpenApiDocument } from './openapi.js';

export const API_PREFIX = 'api/v1';
export const JSON_BODY_LIMIT = 1024 * 1024;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface CreateAppOptions {
  logger?: PinoLogger;
  /** Build the module graph without instantiating providers (no database): for the OpenAPI document. */
  preview?: boolean;
}

/**
 * Helmet's default security headers, with a CSP that lets Swagger UI at /api/docs and the dashboard
 * load their own scripts and styles (no inline script). They vary only by the request's scheme, so
 * helmet runs twice here and every answer gets one of the two sets (@fastify/helmet rebuilt the whole
 * middleware, CSP parsing included, on every request).
 *
 * `upgrade-insecure-requests` goes only on HTTPS answers: on a plain-HTTP page (a LAN address, a
 * name other than localhost) it made browsers fetch `/assets/*` over https, which fails, and the
 * dashboard and Swagger UI stayed blank.
 */
export function helmetHeaders({ https }: { https: boolean }): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: [`'self'`],
        scriptSrc: [`'self'`],
        styleSrc: [`'self'`, `'unsafe-inline'`],
        imgSrc: [`'self'`, 'data:'],
        upgradeInsecureRequests: https ? [] : null,
      },
    },
  })({} as never, response as never, () => undefined);
  return headers;
}

/**
 * Fastify refuses a body with a `__proto__` (or `constructor.prototype`) key as it refuses broken JSON;
 * when the JSON itself is fine, the answer says why.
 */
function explainRefusal(error: Error, text: string): Error {
  if (!/__proto__|"prototype"/.test(text)) return error;
  try {
    JSON.parse(text); // own properties only: nothing is polluted
  } catch {
    return error; // not JSON at all: the usual answer
  }
  return new ApiError(
    400,
    'invalid_json',
    'The body has a `__proto__` or `constructor.prototype` key, which is refused (prototype pollution).',
  );
}

/** Errors below HTTP (Node's parser, timeouts) answered in the rules §0 shape on the raw socket. */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, code, detail] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'Request Timeout', 'request_timeout', 'The request did not arrive in time.']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [
            431,
            'Request Header Fields Too Large',
            'headers_too_large',
            'The request line or headers are too large.',
          ]
        : [400, 'Bad Request', 'bad_request', 'The request is not valid HTTP.'];
  const body = JSON.stringify({ detail, error: code });
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  // Written, then the connection closed once it is flushed.
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** The application exactly as it serves: used by main.ts, the e2e tests and `npm run openapi`. */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const adapter = new FastifyAdapter({
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: config.TRUST_PROXY,
    loggerInstance: logger,
    // One line per request is written by the onResponse hook below, not Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    // No per-request child logger (Fastify would build one for every request; we log one line in onResponse).
    childLoggerFactory: (logger: FastifyBaseLogger) => logger,
    requestIdHeader: false,
    // A request must arrive whole within 2 minutes (50 MiB uploads need 0.42 MB/s): a client sending
    // slowly or never finishing cannot hold a connection forever (Fastify's default is no limit).
    requestTimeout: 120_000,
    // Malformed HTTP, oversized headers, a request that timed out: still the rules §0 error shape.
    clientErrorHandler: answerClientError,
    // Long path parameters reach validation (404 for a non-UUID id, 422 for a bad name) instead of
    // being refused by the router (default 100 characters).
    routerOptions: { maxParamLength: 1000 },
    // A URL Fastify cannot even route (malformed percent-encoding): still the rules §0 error shape.
    frameworkErrors: (error: { code?: string }, _request: unknown, reply: FastifyReply) => {
      const detail =
        error.code === 'FST_ERR_BAD_URL'
          ? 'The URL is malformed (bad percent-encoding).'
          : 'The URL cannot be routed.';
      void reply
        .code(400)
        .header('content-type', 'application/json; charset=utf-8')
        .send(JSON.stringify({ detail, error: 'bad_request' }));
    },
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    return503OnClosing: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config), adapter, {
    logger: new PinoNestLogger(logger),
    preview: options.preview ?? false,
    abortOnError: false,
    // Fastify's own JSON parser only (Nest would add urlencoded): any other content type answers 415.
    bodyParser: false,
  });

  // MCP (rules §10) lives at /mcp, beside the REST API.
  app.setGlobalPrefix(API_PREFIX, { exclude: [{ path: MCP_PATH, method: RequestMethod.ALL }] });
  app.useGlobalFilters(new HttpErrorFilter());
  app.useGlobalPipes(new AppValidationPipe());
  // After the authentication guard (APP_GUARD, registered while the module graph was built).
  const queryParameters = new QueryParametersGuard();
  app.useGlobalGuards(queryParameters);
  app.enableCors({
    origin: config.CORS_ORIGINS.length > 0 ? config.CORS_ORIGINS : false,
    credentials: false,
    exposedHeaders: [
      'X-Request-Id',
      'X-RateLimit-Limit',
      'X-RateLimit-Remaining',
      'X-RateLimit-Reset',
      'Retry-After',
    ],
  });

  const fastify = app.getHttpAdapter().getInstance();
  // JSON only: Fastify's default text/plain parser would let non-JSON bodies reach the handlers (415 instead).
  fastify.removeContentTypeParser('text/plain');
  // Many clients send Content-Type: application/json on every request, DELETE included: an empty JSON
  // body means "no body". Anything else goes through Fastify's own parser (prototype-poisoning checks).
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') return done(null, undefined);
    const text = body as string;
    // Walked only when they could be there: U+0000 and unpaired surrogates (which PostgreSQL cannot
    // store) only come as escapes; nesting deeper than the limit takes that many brackets.
    const escapes = text.includes('\\u');
    const long = text.length > 2 * MAX_JSON_DEPTH;
    void parseJson(request, text, (error, value) => {
      if (error) return done(explainRefusal(error, text), undefined);
      if (long && nestsDeeperThan(value)) {
        const message = `nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels`;
        return done(ApiError.validation([{ field: '', message }], `The body ${message}.`), undefined);
      }
      const unstorable = escapes ? findUnstorable(value) : null;
      if (unstorable !== null) return done(ApiError.field(unstorable, UNSTORABLE_MESSAGE), undefined);
      // `1e400` parses as Infinity and would be stored as null: refused, never silently changed.
      const overflow = mayOverflow(text) ? findNonFinite(value) : null;
      if (overflow !== null) return done(ApiError.field(overflow, NON_FINITE_MESSAGE), undefined);
      done(null, value);
    });
  });
  // Every other content type: an empty body is no body (`curl -d ''` sends a form type with
  // Content-Length: 0, a streamed request an empty chunked body, some clients Content-Type on every
  // request); any byte of one is refused with 415, as before, without reading further.
  fastify.addContentTypeParser('*', (request, payload, done) => {
    const unsupported = () =>
      Object.assign(new Error('unsupported content type'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' });
    const length = request.headers['content-length'];
    if (length !== undefined && length !== '0') return done(unsupported(), undefined);
    let settled = false;
    const settle = (error: Error | null) => {
      if (settled) return;
      settled = true;
      done(error, undefined);
    };
    payload.on('data', (chunk: Buffer) => {
      if (chunk.length > 0) settle(unsupported());
    });
    payload.on('end', () => settle(null));
    payload.on('error', (error: Error) => settle(error));
  });
  // Uploads (rules §5): multipart bodies are streamed by the upload routes (one file, 50 MiB at most;
  // the 1 MiB JSON limit above is unchanged). Other routes keep refusing them with 415.
  await app.register(multipart, { limits: MULTIPART_LIMITS, throwFileSizeLimit: true });
  fastify.addHook('preValidation', (request, _reply, done) => {
    if (request.isMultipart() && !(request.routeOptions.config as { multipart?: boolean }).multipart) {
      done(
        Object.assign(new Error('multipart body on a JSON route'), {
          code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
        }),
      );
      return;
    }
    done();
  });
  const httpsHeaders = helmetHeaders({ https: true });
  const httpHeaders = helmetHeaders({ https: false });
  fastify.addHook('onRequest', (request, reply, done) => {
    // request.protocol is the socket's, or X-Forwarded-Proto's when TRUST_PROXY is on.
    void reply.headers(request.protocol === 'https' ? httpsHeaders : httpHeaders);
    void reply.header('x-request-id', request.id);
    // %00 in a path or query would reach the database as U+0000, which text cannot hold.
    if (request.url.includes('%00')) {
      done(new ApiError(400, 'bad_request', 'The URL must not contain %00 (U+0000).'));
      return;
    }
    done();
  });
  // While shutting down, answers close their connection so keep-alive clients do not hold the drain open.
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    fastify.server.closeIdleConnections();
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    if (logger.isLevelEnabled('info')) {
      logger.info(
        {
          req_id: request.id,
          method: request.method,
          url: request.url,
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime),
        },
        'request',
      );
    }
    done();
  });
  // Errors Fastify raises before a route runs (body parsing, limits) reach Nest's exception layer, hence
  // HttpErrorFilter, wrapped in an HttpException whose cause is the Fastify error.

  if (!options.preview) {
    registerDashboard(fastify, logger);
    const document = buildOpenApiDocument(app);
    // Unknown query parameters are refused by what the document declares.
    queryParameters.useOpenApi(document);
    // MCP tool schemas are generated from the same document (its DTO components).
    app.get(McpService).useOpenApi(document as unknown as OpenApiDocument);
    SwaggerModule.setup('api/docs', app, document, {
      jsonDocumentUrl: 'api/docs-json',
      useGlobalPrefix: false,
    });
  }
  return app;
}
