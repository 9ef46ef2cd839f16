import type { CanActivate, ExecutionContext } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiError } from './api-error.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

/**
 * One rule for query parameters on every route of the OpenAPI document: a parameter the operation
 * does not declare answers 422 `validation_error` naming it (`<name> should not exist`, as whitelisting
 * names an unknown body field). Routes whose query is a DTO already refused unknown names through
 * the validation pipe; routes without one (most of them) silently ignored them.
 *
 * The declared names are read from the OpenAPI document itself (filled in by createApp once it is
 * built), so what the document lists is exactly what is accepted. Routes outside the document (`/mcp`,
 * the dashboard) are left alone. A global guard rather than an interceptor: it runs after the
 * authentication guard (a request without a credential still answers 401 first), and costs a map
 * lookup, without the per-request Observable chain an interceptor adds.
 */
export class QueryParametersGuard implements CanActivate {
  /** `METHOD /api/v1/route/:param` (Fastify's route form) → the query parameters it declares. */
  private declared = new Map<string, ReadonlySet<string>>();

  useOpenApi(document: OpenAPIObject): void {
    const declared = new Map<string, ReadonlySet<string>>();
    for (const [path, item] of Object.entries(document.paths)) {
      const route = path.replace(/\{([^}]+)\}/g, ':$1');
      for (const method of METHODS) {
        const operation = item[method];
        if (!operation) continue;
        const names = (operation.parameters ?? []).flatMap((parameter) =>
          'in' in parameter && parameter.in === 'query' ? [parameter.name] : [],
        );
        declared.set(`${method.toUpperCase()} ${route}`, new Set(names));
      }
    }
    this.declared = declared;
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const query = request.query as Record<string, unknown> | undefined;
    if (!query) return true;
    const names = Object.keys(query);
    if (names.length === 0) return true;
    // HEAD is answered by the GET route.
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const known = this.declared.get(`${method} ${request.routeOptions.url}`);
    if (!known) return true;
    const unknown = names.filter((name) => !known.has(name));
    if (unknown.length === 0) return true;
    const takes = known.size > 0 ? `takes only ${[...known].join(', ')}` : 'takes none';
    throw ApiError.validation(
      unknown.map((name) => ({ field: name, message: `${name} should not exist` })),
      `Unknown query parameter${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: this operation ${takes}.`,
    );
  }
}
