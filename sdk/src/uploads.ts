import { unwrap } from './errors.js';
import type { components } from './generated/openapi.js';
import { defaultSleep, type RetryOption } from './retry.js';

type Call = (
  method: 'GET' | 'POST',
  path: string,
  init?: Record<string, unknown>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

type Upload = components['schemas']['UploadDto'];
type UploadAccepted = components['schemas']['UploadAcceptedDto'];
type UploadMode = components['schemas']['UploadMode'];

/** A file to upload: a path on disk (Node), or a Blob / File (browsers and Node). */
export type FileInput = string | Blob;

export interface UploadOptions {
  /** `append` (default), `upsert` (by `external_id`) or `replace` (swap the record type's records). */
  mode?: UploadMode;
  /**
   * The file name the server reads the type from (`.csv`, `.json`, `.ndjson`, `.jsonl`). Default: the
   * path's or the File's name; a Blob without one is typed by its media type.
   */
  filename?: string;
  /** Retry on 429/503 (uploads are not retried unless asked: a 503 may come after the file was stored). */
  retry?: RetryOption;
  signal?: AbortSignal;
}

export interface WaitOptions {
  /** Called with the upload each time it is read (status, rows indexed and failed so far). */
  onProgress?: (upload: Upload) => void;
  /** Between reads, in ms (default 500). */
  intervalMs?: number;
  /** Give up after this long, in ms (default 10 minutes): rejects with an Error named `TimeoutError`. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Waits between reads (tests inject a clock). */
  sleep?: (ms: number, signal: AbortSignal | null) => Promise<void>;
  /** The current time in ms (tests inject a clock). */
  now?: () => number;
}

function basename(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

async function blobOf(file: FileInput, filename?: string): Promise<{ blob: Blob; name: string | undefined }> {
  if (typeof file === 'string') {
    // Node only: a path is read as a file-backed Blob (not into memory). Imported here so that
    // browsers, which pass Blobs, never load node:fs.
    const { openAsBlob } = await import('node:fs');
    return { blob: await openAsBlob(file), name: filename ?? basename(file) };
  }
  const own = (file as Blob & { name?: unknown }).name;
  return { blob: file, name: filename ?? (typeof own === 'string' && own ? own : undefined) };
}

export async function upload(
  call: Call,
  route: string,
  collection: string,
  recordType: string,
  file: FileInput,
  options: UploadOptions = {},
): Promise<UploadAccepted> {
  const { blob, name } = await blobOf(file, options.filename);
  const form = new FormData();
  if (options.mode !== undefined) form.append('mode', options.mode);
  if (name === undefined) form.append('file', blob);
  else form.append('file', blob, name);
  return (await unwrap(
    call('POST', route, {
      params: { path: { collection, record_type: recordType } },
      body: form,
      bodySerializer: (body: unknown) => body,
      ...(options.retry === undefined ? {} : { retry: options.retry }),
      ...(options.signal ? { signal: options.signal } : {}),
    }),
  )) as UploadAccepted;
}

export async function waitForUpload(
  call: Call,
  route: string,
  uploadId: string,
  options: WaitOptions = {},
): Promise<Upload> {
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const interval = options.intervalMs ?? 500;
  const deadline = now() + (options.timeoutMs ?? 10 * 60_000);
  for (;;) {
    const current = (await unwrap(
      call('GET', route, {
        params: { path: { id: uploadId } },
        ...(options.signal ? { signal: options.signal } : {}),
      }),
    )) as Upload;
    options.onProgress?.(current);
    if (current.status === 'completed' || current.status === 'failed') return current;
    if (now() + interval > deadline) {
      const error = new Error(
        `Upload ${uploadId} is still ${current.status} after ${options.timeoutMs ?? 600_000} ms.`,
      );
      error.name = 'TimeoutError';
      throw error;
    }
    await sleep(interval, options.signal ?? null);
  }
}
