import type { INestApplication } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ModulesContainer } from '@nestjs/core';
import { ApiParam, DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { SECURITY } from './common/auth.decorator.js';
import { paramSchemaOf } from './common/param-schema.js';
import { VERSION } from './common/version.js';

const DESCRIPTION = `Cistern: a multi-tenant data API. Every error has the body \`{"detail", "error"}\`,
plus \`errors[]\` for 422 validation and \`required_scopes\` for 403 insufficient_scope.

Credentials: API keys (\`Authorization: Bearer sk_...\` or \`X-Api-Key\`) for applications; portal JWTs
(\`Authorization: Bearer eyJ...\`) for people; the scheme is matched in any case (\`bearer\`, RFC 7235). Each
operation lists which it accepts (\`x-cistern-auth\`).
API-key answers carry \`X-RateLimit-Limit\`, \`X-RateLimit-Remaining\` and \`X-RateLimit-Reset\` (seconds until
the window resets).

Request rules, the same on every operation:
- \`null\`: a body property takes \`null\` only where its schema says \`nullable\`, and then null has the
  meaning its description gives (for example, \`max_key_lifetime_days: null\` removes the limit). Anywhere
  else \`null\` is refused with 422 \`validation_error\` naming the property ("must not be null"); leave the
  property out to get its default.
- Empty bodies: a body of zero bytes is no body, whatever its \`Content-Type\` (\`curl -d ''\` sends a form
  type) or framing (an empty chunked body). On an operation with a JSON body, no body is the same as \`{}\`
  and is validated as \`{}\`; an operation without a body answers as if none was sent. A non-empty body of
  another type than JSON answers 415.
- Query parameters: an operation takes exactly the query parameters it lists here. Any other (an unknown
  query parameter, a misspelt one) answers 422 \`validation_error\` naming each (\`<name> should not
  exist\`), on every operation, checked after authentication.`;

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Cistern API')
    .setDescription(DESCRIPTION)
    .setVersion(VERSION)
    .addServer('/', 'This server')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'sk_live_… / sk_test_…',
        description: 'API key as a Bearer token.',
      },
      SECURITY.apiKeyBearer,
    )
    .addApiKey(
      { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'API key in the X-Api-Key header.' },
      SECURITY.apiKeyHeader,
    )
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Portal session token.' },
      SECURITY.portalJwt,
    )
    .build();
  documentParamPipes(app);
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey}_${methodKey}`,
  });
  documentTransportErrors(document);
  documentOptionalBodies(document);
  return document;
}

/** @nestjs/swagger's metadata key for `@ApiParam()` (DECORATORS.API_PARAMETERS, not exported). */
const API_PARAMETERS = 'swagger/apiParameters';

interface RouteArgument {
  index: number;
  data?: unknown;
  pipes?: unknown[];
}

/**
 * Path parameters say what their pipe enforces: a parameter parsed by a pipe with a `paramSchema`
 * (`IdParamPipe`: a uuid, `NameParamPipe`: the name pattern) gets that schema, whether or not the route
 * also has an `@ApiParam` for it (whose description and other words stay). Runs on Nest's metadata
 * before the document is built, so that it holds on every route, including ones added later.
 */
function documentParamPipes(app: INestApplication): void {
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<
          string,
          RouteArgument
        >;
        for (const [key, arg] of Object.entries(args)) {
          if (Number(key.split(':')[0]) !== Number(RouteParamtypes.PARAM) || typeof arg.data !== 'string')
            continue;
          const schema = (arg.pipes ?? []).map(paramSchemaOf).find(Boolean);
          if (!schema) continue;
          const declared = (Reflect.getMetadata(API_PARAMETERS, handler) ?? []) as Record<string, unknown>[];
          const existing = declared.find((p) => p.in === 'path' && p.name === arg.data);
          if (existing) Object.assign(existing, schema);
          else
            ApiParam({ name: arg.data, ...schema })(
              proto,
              name,
              Object.getOwnPropertyDescriptor(proto, name) as TypedPropertyDescriptor<unknown>,
            );
        }
      }
    }
  }
}

/**
 * The empty-body rule (in DESCRIPTION): an absent body is validated as `{}`. So a JSON body whose schema
 * requires no property may be left out (`POST /auth/keys/{id}/rotate` with nothing to say), and the
 * document says so; Nest's swagger marks every `@Body()` required. Bodies with a required property keep
 * `required: true`: left out, they answer 422 naming the missing properties.
 */
function documentOptionalBodies(document: OpenAPIObject): void {
  const schemas = document.components?.schemas ?? {};
  for (const item of Object.values(document.paths)) {
    for (const method of ['put', 'post', 'patch', 'delete'] as const) {
      const body = item[method]?.requestBody;
      if (!body || !('content' in body)) continue;
      const json = body.content['application/json'];
      if (!json?.schema || Object.keys(body.content).length !== 1) continue;
      let schema = json.schema;
      if ('$ref' in schema) schema = schemas[schema.$ref.replace('#/components/schemas/', '')] ?? schema;
      if ('$ref' in schema || schema.type !== 'object') continue;
      if ((schema.required ?? []).length === 0) body.required = false;
    }
  }
}

const ERROR_CONTENT = { 'application/json': { schema: { $ref: '#/components/schemas/ErrorDto' } } };

/**
 * Answers any route can give before its controller runs (the HTTP layer's, rules §0): a URL with `%00`
 * (400), a request line or headers over the limit (431), and on JSON routes a body that does not parse (400), is too large (413) or is not JSON (415).
 * Documented on every operation, so that a client (and the fuzz suite) finds each status it can get.
 */
function documentTransportErrors(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const json = Boolean(
        operation.requestBody &&
        'content' in operation.requestBody &&
        operation.requestBody.content['application/json'],
      );
      const add = (status: string, description: string) => {
        operation.responses[status] ??= { description, content: ERROR_CONTENT };
      };
      add(
        '400',
        json
          ? 'The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`).'
          : 'The URL holds `%00` (`bad_request`).',
      );
      add('431', 'The request line or headers are too large, e.g. a very long path (`headers_too_large`).');
      if (json) {
        add('413', 'The body is larger than 1 MiB (`payload_too_large`).');
        add('415', 'The body is not `application/json` (`unsupported_media_type`).');
      }
    }
  }
}

/** Stable JSON: keys sorted so the committed openapi.json only changes when the API does. */
export function stableStringify(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}
