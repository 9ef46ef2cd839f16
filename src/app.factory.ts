import 'reflect-metadata';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { LogController } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Logger as PinoLogger } from 'pino';
import { AppModule } from './app.module.js';
import { MULTIPART_LIMITS } from './collections/upload/multipart-body.js';
import { HttpErrorFilter, sendError } from './common/http-error.filter.js';
import { createLogger, PinoNestLogger } from './common/logger.js';
import { AppValidationPipe } from './common/validation.js';
import type { AppConfig } from './config/app-config.js';
import { buildOpenApiDocument } from './openapi.js';

export const API_PREFIX = 'api/v1';
export const JSON_BODY_LIMIT = 1024 * 1024;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface CreateAppOptions {
  logger?: PinoLogger;
  /** Build the module graph without instantiating providers (no database): for the OpenAPI document. */
  preview?: boolean;
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
    requestIdHeader: false,
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

  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalFilters(new HttpErrorFilter());
  app.useGlobalPipes(new AppValidationPipe());
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
  await app.register(helmet, {
    // Swagger UI at /api/docs loads its own script and styles.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: [`'self'`],
        scriptSrc: [`'self'`],
        styleSrc: [`'self'`, `'unsafe-inline'`],
        imgSrc: [`'self'`, 'data:'],
      },
    },
  });
  // Uploads (SPEC §5): multipart bodies are streamed by the upload routes (one file, 50 MiB at most;
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
  const httpLogger = new Logger('Http');
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
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
  // Errors Fastify raises before a route runs (body parsing, limits) leave in the same shape.
  fastify.setErrorHandler((error, request, reply) => sendError(reply, request, error, httpLogger));

  if (!options.preview) {
    const document = buildOpenApiDocument(app);
    SwaggerModule.setup('api/docs', app, document, {
      jsonDocumentUrl: 'api/docs-json',
      useGlobalPrefix: false,
    });
  }
  return app;
}
