import { schemaErrors, document, type Operation } from './openapi.js';
import type { Answer } from './world.js';

/**
 * What an answer must look like: documented status, documented body, rules §0 error shape.
 * Each check returns null when the answer is right, else one line saying what is wrong.
 */

/** rules §0: the error codes a status may carry (statuses not listed: any snake_case code). */
const CODES_BY_STATUS: Record<number, readonly string[]> = {
  400: ['invalid_json', 'bad_request'],
  404: ['not_found'],
  413: ['payload_too_large'],
  415: ['unsupported_media_type'],
  422: ['validation_error'],
};

const ERROR_KEYS = new Set(['detail', 'error', 'errors', 'request_id', 'required_scopes']);

export function errorShapeProblem(answer: Answer): string | null {
  const body = answer.body as Record<string, unknown> | undefined;
  if (!answer.contentType.startsWith('application/json'))
    return `error answer is ${answer.contentType || 'not typed'}`;
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return `error body is not an object: ${answer.text.slice(0, 200)}`;
  if (typeof body.detail !== 'string' || body.detail.length === 0) return 'error body has no detail';
  if (typeof body.error !== 'string' || !/^[a-z][a-z_]*[a-z]$/.test(body.error))
    return 'error body has no snake_case error code';
  const allowed = CODES_BY_STATUS[answer.status];
  if (allowed && !allowed.includes(body.error)) return `${answer.status} with error code ${body.error}`;
  const extra = Object.keys(body).filter((k) => !ERROR_KEYS.has(k));
  if (extra.length) return `error body has unknown keys ${extra.join(', ')}`;
  if (body.errors !== undefined) {
    const problem = schemaErrors(
      { type: 'array', items: document.components.schemas.FieldErrorDto },
      body.errors,
    );
    if (problem) return `errors[]: ${problem}`;
  }
  return null;
}

/** A documented status whose body matches the documented schema. */
export function documentedAnswerProblem(op: Operation, answer: Answer): string | null {
  if (answer.status === -1) return 'no answer (hang)';
  if (answer.status >= 500) return `answered ${answer.status}: ${answer.text.slice(0, 300)}`;
  const documented = op.responses.get(answer.status);
  if (!documented) return `undocumented status ${answer.status}: ${answer.text.slice(0, 300)}`;
  if (answer.status >= 400) return errorShapeProblem(answer);
  if (!documented.contentType)
    return answer.text.length ? `status ${answer.status} is documented bodiless but has a body` : null;
  if (!answer.contentType.startsWith(documented.contentType))
    return `content type ${answer.contentType}, documented ${documented.contentType}`;
  if (documented.contentType === 'application/json') {
    if (answer.body === undefined) return `body is not JSON: ${answer.text.slice(0, 200)}`;
    const problem = schemaErrors(documented.schema ?? {}, answer.body);
    return problem ? `body does not match the documented schema: ${problem}` : null;
  }
  if (documented.contentType === 'application/x-ndjson') {
    for (const line of answer.text.split('\n').filter(Boolean)) {
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch {
        return `NDJSON line is not JSON: ${line.slice(0, 200)}`;
      }
      const problem = schemaErrors(document.components.schemas.RecordDto, record);
      if (problem) return `NDJSON record does not match RecordDto: ${problem}`;
    }
  }
  return null;
}

/** An answer refusing the request: 4xx in the §0 shape (no 5xx, no 2xx, no hang). */
export function refusalProblem(answer: Answer): string | null {
  if (answer.status === -1) return 'no answer (hang)';
  if (answer.status < 400) return `accepted (${answer.status}): ${answer.text.slice(0, 200)}`;
  if (answer.status >= 500) return `answered ${answer.status}: ${answer.text.slice(0, 300)}`;
  return errorShapeProblem(answer);
}
