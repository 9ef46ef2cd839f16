/**
 * What a path-parameter pipe accepts, in OpenAPI's words. `buildOpenApiDocument` (src/openapi.ts)
 * copies it onto every path parameter the pipe parses, so the document says what the pipe enforces
 * without each route repeating it (and a new route cannot forget it).
 */
export interface ParamSchema {
  readonly format?: 'uuid';
  readonly pattern?: string;
}

export interface DocumentedParamPipe {
  readonly paramSchema: ParamSchema;
}

export function paramSchemaOf(pipe: unknown): ParamSchema | undefined {
  return pipe && typeof pipe === 'object' && 'paramSchema' in pipe
    ? (pipe as DocumentedParamPipe).paramSchema
    : undefined;
}
