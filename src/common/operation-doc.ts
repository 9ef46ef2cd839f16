import { ApiOperation } from '@nestjs/swagger';

/**
 * What a reader of the API is told about one operation. An operation served by several doors (an
 * API-key route and its portal mirror) has one of these, used by every door, so their words cannot drift
 * (test/foundation/door-docs.e2e-spec.ts compares each pair in openapi.json).
 */
export interface OperationDoc {
  /** One line: what the operation does. */
  readonly summary: string;
  /** The rules a caller relies on (answers, limits, errors), when a line is not enough. */
  readonly description?: string;
}

/** `@ApiOperation` of one door: its own operationId, the operation's shared words. */
export function DocumentedOperation(operationId: string, doc: OperationDoc): MethodDecorator {
  return ApiOperation({ operationId, ...doc });
}
