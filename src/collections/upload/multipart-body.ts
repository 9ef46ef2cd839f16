import type {} from '@fastify/multipart'; // request.parts() typings
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { ApiError } from '../../common/api-error.js';
import { MAX_UPLOAD_BYTES } from '../collections.constants.js';

/** Multipart limits of an upload: one file of at most 50 MiB, a few small fields. */
export const MULTIPART_LIMITS = {
  fileSize: MAX_UPLOAD_BYTES,
  files: 1,
  fields: 5,
  parts: 6,
  fieldNameSize: 100,
  fieldSize: 1024,
  headerPairs: 100,
} as const;

/** Room for the multipart envelope (boundaries, part headers, small fields) around the file. */
const ENVELOPE_BYTES = 64 * 1024;

export type MultipartPart =
  | { kind: 'field'; name: string; value: string }
  | {
      kind: 'file';
      name: string;
      filename: string;
      mimetype: string;
      stream: Readable & { truncated?: boolean };
    };

export function fileTooLarge(): ApiError {
  return new ApiError(413, 'payload_too_large', 'The file is larger than 50 MiB.');
}

/** @fastify/multipart and busboy errors → the rules §0 error of each case. */
function toApiError(error: unknown): unknown {
  if (error instanceof ApiError) return error;
  const code = (error as { code?: unknown })?.code;
  switch (code) {
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new ApiError(
        415,
        'unsupported_media_type',
        'Send the file as multipart/form-data with the part `file` (and optionally `mode`).',
      );
    case 'FST_REQ_FILE_TOO_LARGE':
      return fileTooLarge();
    case 'FST_FILES_LIMIT':
      return ApiError.field('file', 'send exactly one file per upload');
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return ApiError.validation([
        { field: '', message: 'too many multipart fields: send `file` and optionally `mode`' },
      ]);
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return new ApiError(400, 'bad_request', `Malformed multipart body: ${message}`);
    }
  }
}

/**
 * The multipart body of an upload request, read as a stream of parts (the file is never buffered
 * whole). Errors of the multipart layer arrive as rules §0 errors: 400 `bad_request` for a malformed
 * body, 413 over 50 MiB, 415 for a body that is not multipart.
 */
export class MultipartBody {
  constructor(
    private readonly request: FastifyRequest,
    private readonly reply: FastifyReply,
  ) {}

  async *parts(): AsyncGenerator<MultipartPart> {
    // A declared length over the limit is refused before a byte is read.
    const declared = Number(this.request.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_UPLOAD_BYTES + ENVELOPE_BYTES) throw fileTooLarge();
    let iterator: AsyncIterableIterator<unknown>;
    try {
      iterator = this.request.parts({ limits: MULTIPART_LIMITS }) as AsyncIterableIterator<unknown>;
    } catch (error) {
      throw toApiError(error);
    }
    for (;;) {
      let next: IteratorResult<unknown>;
      try {
        next = await iterator.next();
      } catch (error) {
        throw toApiError(error);
      }
      if (next.done) return;
      const part = next.value as {
        type: 'file' | 'field';
        fieldname: string;
        filename?: string;
        mimetype?: string;
        value?: unknown;
        file?: Readable & { truncated?: boolean };
      };
      if (part.type === 'file') {
        yield {
          kind: 'file',
          name: part.fieldname,
          filename: part.filename ?? '',
          mimetype: part.mimetype ?? '',
          stream: part.file!,
        };
      } else {
        yield {
          kind: 'field',
          name: part.fieldname,
          value: typeof part.value === 'string' ? part.value : String(part.value),
        };
      }
    }
  }

  /**
   * After an answer chosen before the body was read to its end: the rest of the body is read and
   * dropped (never buffered), so the client, still sending, gets to read the answer. Closing the
   * connection at once instead made clients fail with EPIPE while writing, never seeing the answer.
   * A body of undeclared length, or declared over the limit, is not read to its end: the connection
   * closes after the answer, so no client can make the server read without end.
   */
  abandon(): void {
    const declared = Number(this.request.headers['content-length']);
    if (!(declared <= MAX_UPLOAD_BYTES + ENVELOPE_BYTES)) void this.reply.header('connection', 'close');
    const raw = this.request.raw;
    raw.unpipe();
    raw.resume();
  }
}

/** Reads a file part chunk by chunk, refusing it (413) as soon as it passes 50 MiB. */
export async function* fileChunks(part: Extract<MultipartPart, { kind: 'file' }>): AsyncGenerator<Buffer> {
  let size = 0;
  try {
    for await (const chunk of part.stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (part.stream.truncated || size > MAX_UPLOAD_BYTES) throw fileTooLarge();
      yield chunk;
    }
  } catch (error) {
    throw toApiError(error);
  }
  if (part.stream.truncated) throw fileTooLarge();
}
