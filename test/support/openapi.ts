import { readFileSync } from 'node:fs';

/** One operation of the committed openapi.json (kept equal to the code by `npm run openapi:check`). */
export interface DocumentedOperation {
  /** `METHOD /path` without the `/api/v1` prefix, parameters as `{name}` (the access matrix's key). */
  route: string;
  method: string;
  /** Path without the `/api/v1` prefix. */
  path: string;
  operationId: string;
  summary?: string;
  description?: string;
  /** Names of the security schemes that admit the operation (none: public). */
  security: string[];
  operation: Record<string, any>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

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
      if (!METHODS.includes(method)) continue;
      const upper = method.toUpperCase();
      operations.push({
        route: `${upper} ${path}`,
        method: upper,
        path,
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
