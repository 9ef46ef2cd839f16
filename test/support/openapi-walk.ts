import { readFileSync } from 'node:fs';
import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { ACCESS_MATRIX, samplePath } from './access-matrix.js';
import type { TestApp } from './app.js';
import { mintKey, signup, type TestAccount } from './factories.js';
import { documentedOperations } from './routes.js';

/** The committed OpenAPI document, as clients see it. */
export const OPENAPI: any = JSON.parse(readFileSync('openapi.json', 'utf8'));

export interface Operation {
  /** `METHOD /path` without `/api/v1`, as in ACCESS_MATRIX. */
  route: string;
  method: string;
  /** After `/api/v1`, parameters as `{name}`. */
  path: string;
  /** The same with every parameter filled with a value that names nothing. */
  samplePath: string;
  /** Query parameters the operation declares. */
  query: string[];
  /** Name of the JSON request body's component schema, when it has one. */
  jsonBody: string | null;
  multipart: boolean;
}

/** Every operation of openapi.json, from the one route walker (./routes.ts). */
export function operations(): Operation[] {
  return documentedOperations(OPENAPI).map(({ route, method, path, operation: op }) => {
    const content = op.requestBody?.content ?? {};
    const ref: string | undefined = content['application/json']?.schema?.$ref;
    return {
      route,
      method,
      path,
      samplePath: samplePath(path),
      query: (op.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => p.name),
      jsonBody: ref ? ref.split('/').pop()! : null,
      multipart: 'multipart/form-data' in content,
    };
  });
}

export interface Credentials {
  /** A portal token of the tenant's owner. */
  token: string;
  /** An API key of the same tenant with `admin` (every scope). */
  apiKey: string;
}

/**
 * A tenant to walk every operation with: its owner, and both credentials. Its per-minute limit is lifted
 * out of the way, since a walk sends hundreds of requests in a row.
 */
export async function walkerTenant(t: TestApp): Promise<{ owner: TestAccount; credentials: Credentials }> {
  const owner = await signup(t);
  await t.dataSource.query(`UPDATE tenants SET custom_requests_per_minute = 100000 WHERE id = $1`, [
    owner.tenantId,
  ]);
  const apiKey = (await mintKey(t, owner.tenantId, { scopes: ['admin'] })).key;
  return { owner, credentials: { token: owner.token, apiKey } };
}

/** The headers that get past authentication on `route`: a JWT where sessions are accepted, else the key. */
export function authHeaders(route: string, credentials: Credentials): Record<string, string> {
  const access = ACCESS_MATRIX[route];
  if (access === undefined) throw new Error(`${route} is not in ACCESS_MATRIX`);
  if (access === 'public') return {};
  if (access.role !== 'none') return { authorization: `Bearer ${credentials.token}` };
  return { authorization: `Bearer ${credentials.apiKey}` };
}

/** A component schema of openapi.json by name. */
export function schemaOf(name: string): any {
  return OPENAPI.components.schemas[name];
}

/** The component schema a property refers to (directly, through a single allOf, or as array items). */
export function refOf(property: any): string | null {
  const ref: string | undefined = property.$ref ?? property.allOf?.[0]?.$ref ?? property.items?.$ref;
  return ref ? ref.split('/').pop()! : null;
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
  text: string;
}

/**
 * One request through node:http, exactly as given: `chunks` undefined sends the headers alone (add
 * `content-length: 0` or `transfer-encoding: chunked` yourself); each chunk is written as is. A fresh
 * connection each time (an answer may close it). Clients such as fetch or supertest normalise what this
 * sends, which is the point.
 */
export function rawRequest(
  baseUrl: string,
  method: string,
  path: string,
  headers: OutgoingHttpHeaders,
  chunks: Array<string | Buffer> = [],
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${baseUrl}/api/v1${path}`, { method, headers, agent: false }, (response) => {
      const parts: Buffer[] = [];
      response.on('data', (chunk: Buffer) => parts.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        let body: any;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          body = undefined;
        }
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body, text });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    for (const chunk of chunks) request.write(chunk);
    request.end();
  });
}
