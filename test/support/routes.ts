import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { readFileSync } from 'node:fs';
import { AUTH_METADATA, type AuthRequirement } from '../../src/common/auth.decorator.js';

/*
 * The route walkers of the test suites: the application's routes from Nest's metadata (what is
 * served, and who may call it), and the operations of openapi.json (what is documented). Both name a
 * route `METHOD /path`, without `/api/v1`, parameters as `{name}` (the access matrix's key).
 */

export interface DiscoveredRoute {
  /** `METHOD /path` in the form of the ACCESS_MATRIX keys. */
  route: string;
  method: string;
  /** Path after `/api/v1` (the MCP door: `/mcp`, outside it), parameters as `{name}`. */
  path: string;
  controller: string;
  handler: string;
  /** What @Auth/@Public declared (method over class), or null when nothing was. */
  declared: AuthRequirement | null;
}

const METHODS: Partial<Record<RequestMethod, string>> = {
  [RequestMethod.GET]: 'GET',
  [RequestMethod.POST]: 'POST',
  [RequestMethod.PUT]: 'PUT',
  [RequestMethod.PATCH]: 'PATCH',
  [RequestMethod.DELETE]: 'DELETE',
  [RequestMethod.HEAD]: 'HEAD',
  [RequestMethod.OPTIONS]: 'OPTIONS',
  [RequestMethod.ALL]: 'ALL',
};

function joinPath(...parts: string[]): string {
  const joined = parts
    .flatMap((p) => p.split('/'))
    .filter((p) => p.length > 0)
    .map((p) => (p.startsWith(':') ? `{${p.slice(1).replace(/\?$/, '')}}` : p))
    .join('/');
  return `/${joined}`;
}

const asList = (value: unknown): string[] =>
  value === undefined ? [''] : Array.isArray(value) ? (value as string[]) : [value as string];

/**
 * Every route of every controller of the application (a preview app will do: no database), read from
 * Nest's own metadata with its @Auth/@Public declaration. This sees routes the OpenAPI document might
 * leave out; `routes.e2e-spec` checks that the two views agree.
 */
export function discoverRoutes(app: INestApplication): DiscoveredRoute[] {
  const routes: DiscoveredRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const prefixes = asList(Reflect.getMetadata(PATH_METADATA, controller));
      const classRule =
        (Reflect.getMetadata(AUTH_METADATA, controller) as AuthRequirement | undefined) ?? null;
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        if (name === 'constructor') continue;
        const handler = proto[name];
        if (typeof handler !== 'function') continue;
        const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (requestMethod === undefined || paths === undefined) continue;
        const method = METHODS[requestMethod] ?? String(requestMethod);
        const declared =
          (Reflect.getMetadata(AUTH_METADATA, handler) as AuthRequirement | undefined) ?? classRule;
        for (const prefix of prefixes) {
          for (const sub of asList(paths)) {
            const path = joinPath(prefix, sub);
            routes.push({
              route: `${method} ${path}`,
              method,
              path,
              controller: controller.name,
              handler: `${controller.name}.${name}`,
              declared,
            });
          }
        }
      }
    }
  }
  return routes.sort((a, b) => a.route.localeCompare(b.route));
}

/** One operation of the committed openapi.json (kept equal to the code by `npm run openapi:check`). */
export interface DocumentedOperation {
  /** `METHOD /path` without the `/api/v1` prefix, parameters as `{name}` (the access matrix's key). */
  route: string;
  method: string;
  /** Path without the `/api/v1` prefix. */
  path: string;
  /** Path as documented, with the `/api/v1` prefix. */
  documentedPath: string;
  operationId: string;
  summary?: string;
  description?: string;
  /** Names of the security schemes that admit the operation (none: public). */
  security: string[];
  operation: Record<string, any>;
}

const DOCUMENT_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** The OpenAPI document as committed. */
export function openapiDocument(): Record<string, any> {
  return JSON.parse(readFileSync('openapi.json', 'utf8'));
}

/** The route walker over the document: every operation of every path, in document order. */
export function documentedOperations(document = openapiDocument()): DocumentedOperation[] {
  const operations: DocumentedOperation[] = [];
  for (const [fullPath, item] of Object.entries(document.paths as Record<string, Record<string, any>>)) {
    const path = fullPath.replace(/^\/api\/v1(?=\/)/, '');
    for (const [method, operation] of Object.entries(item)) {
      if (!DOCUMENT_METHODS.includes(method)) continue;
      const upper = method.toUpperCase();
      operations.push({
        route: `${upper} ${path}`,
        method: upper,
        path,
        documentedPath: fullPath,
        operationId: operation.operationId,
        summary: operation.summary,
        description: operation.description,
        security: ((operation.security ?? []) as Record<string, unknown>[]).flatMap((s) => Object.keys(s)),
        operation,
      });
    }
  }
  return operations;
}
