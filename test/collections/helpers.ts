import type { PlanName } from '../../src/common/vocabulary.js';
import { MeteringService } from '../../src/usage/metering.service.js';
import type { components } from '../generated/api.js';
import { startApp, type TestApp } from '../support/app.js';
import { setPlan, tenantWithKey } from '../support/factories.js';
import { bearer } from '../support/http.js';
import { until } from '../support/until.js';

export { bearer };

type UploadMode = components['schemas']['UploadMode'];
type Upload = components['schemas']['UploadDto'];

/** A fresh app with one tenant on `plan` holding an admin key (the usual start of a collections suite). */
export async function startWithTenant(
  plan: PlanName = 'pro',
  env: Record<string, string> = {},
): Promise<{ t: TestApp; key: string; tenantId: string }> {
  const t = await startApp({ env });
  const account = await tenantWithKey(t, ['admin']);
  await setPlan(t, account.tenantId, plan);
  return { t, key: account.apiKey.key, tenantId: account.tenantId };
}

export interface UploadOptions {
  filename: string;
  content: string | Buffer;
  mode?: UploadMode;
  /** Media type of the file part (default application/octet-stream). */
  type?: string;
  /** Portal JWT instead of an API key: the portal door. */
  token?: string;
}

/**
 * A multipart upload as a browser or SDK sends it, through the typed client: part `mode` (when given),
 * then part `file`. The answer's body is the accepted upload (202) or the error, read field by field.
 */
export async function uploadFile(
  t: TestApp,
  credential: string,
  collection: string,
  recordType: string,
  options: UploadOptions,
): Promise<{ status: number; headers: Headers; body: any }> {
  const file = new Blob([options.content], { type: options.type ?? 'application/octet-stream' });
  const init = {
    params: { path: { collection, record_type: recordType } },
    headers: bearer(options.token ?? credential),
    // openapi-typescript types the `format: binary` part as a string; the part is the Blob.
    body: { mode: options.mode, file: file as unknown as string },
    bodySerializer: (body: { mode?: UploadMode; file: string }) => {
      const form = new FormData();
      if (body.mode !== undefined) form.append('mode', body.mode);
      form.append('file', body.file as unknown as Blob, options.filename);
      return form;
    },
  };
  const res = options.token
    ? await t.api.POST('/api/v1/portal/upload/{collection}/{record_type}/upload', init)
    : await t.api.POST('/api/v1/upload/{collection}/{record_type}/upload', init);
  return { status: res.response.status, headers: res.response.headers, body: res.data ?? res.error };
}

/** Polls an upload until it is completed or failed; answers its final view. */
export async function waitForUpload(
  t: TestApp,
  key: string,
  uploadId: string,
  timeoutMs = 60_000,
): Promise<Upload> {
  let last: Upload | undefined;
  await until(async () => {
    const { data } = await t.api.GET('/api/v1/uploads/{id}', {
      params: { path: { id: uploadId } },
      headers: bearer(key),
    });
    last = data;
    return data?.status === 'completed' || data?.status === 'failed';
  }, timeoutMs);
  return last!;
}

/** Uploads a file and waits for it to finish. */
export async function uploadAndWait(
  t: TestApp,
  key: string,
  collection: string,
  recordType: string,
  options: UploadOptions,
): Promise<Upload> {
  const res = await uploadFile(t, key, collection, recordType, options);
  if (res.status !== 202) throw new Error(`upload answered ${res.status}: ${JSON.stringify(res.body)}`);
  return waitForUpload(t, key, res.body.upload_id);
}

export async function ingestAndWait(
  t: TestApp,
  key: string,
  collection: string,
  recordType: string,
  records: Record<string, unknown>[],
  mode?: UploadMode,
): Promise<Upload> {
  const res = await t.api.POST('/api/v1/ingest/{collection}/{record_type}', {
    params: { path: { collection, record_type: recordType } },
    body: mode ? { records, mode } : { records },
    headers: bearer(key),
  });
  if (!res.data) throw new Error(`ingest answered ${res.response.status}: ${JSON.stringify(res.error)}`);
  return waitForUpload(t, key, res.data.upload_id);
}

export async function flushMetering(t: TestApp): Promise<MeteringService> {
  const metering = t.app.get(MeteringService);
  await metering.flush();
  return metering;
}

/**
 * Waits until no job of a queue is pending or running — of one tenant when given: test files share the
 * database, and another file's jobs (an app closed mid-job holds its lease) are none of this test's.
 */
export async function queueIdle(t: TestApp, queue: string, tenantId?: string): Promise<void> {
  await until(async () => {
    const rows = (await t.dataSource.query(
      `SELECT count(*)::int AS n FROM jobs
        WHERE queue = $1 AND status IN ('pending', 'running') AND ($2::text IS NULL OR payload ->> 'tenant_id' = $2)`,
      [queue, tenantId ?? null],
    )) as { n: number }[];
    return rows[0].n === 0;
  });
}

/** A schema with one field of each type (a well-formed `PUT /schemas/{collection}/{record_type}` body). */
export const schemaBody: components['schemas']['PutSchemaDto'] = {
  fields: [
    { name: 'sku', type: 'string', required: true, searchable: true, filterable: true },
    { name: 'price', type: 'number', filterable: true },
    { name: 'stock', type: 'integer', filterable: true },
    { name: 'in_stock', type: 'boolean', filterable: true },
    { name: 'released', type: 'date', filterable: true },
    { name: 'tags', type: 'string[]', searchable: true, filterable: true },
    { name: 'notes', type: 'string' },
  ],
};
