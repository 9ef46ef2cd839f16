import type { PlanName } from '../../src/common/vocabulary.js';
import { MeteringService } from '../../src/usage/metering.service.js';
import { startApp, type TestApp } from '../support/app.js';
import { setPlan, tenantWithKey } from '../support/factories.js';
import { call, type HttpAnswer } from '../support/http.js';
import { until } from '../support/until.js';

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

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
  mode?: string;
  type?: string;
  /** Portal JWT instead of an API key. */
  token?: string;
  /** Form field name of the file (default `file`). */
  field?: string;
  extraFields?: Record<string, string>;
}

/** A multipart upload as a browser or SDK sends it. */
export async function uploadFile(
  t: TestApp,
  credential: string,
  collection: string,
  recordType: string,
  options: UploadOptions,
): Promise<HttpAnswer> {
  const form = new FormData();
  if (options.mode !== undefined) form.append('mode', options.mode);
  for (const [k, v] of Object.entries(options.extraFields ?? {})) form.append(k, v);
  form.append(
    options.field ?? 'file',
    new Blob([options.content], { type: options.type ?? 'application/octet-stream' }),
    options.filename,
  );
  const prefix = options.token ? '/portal' : '';
  const response = await fetch(`${t.baseUrl}/api/v1${prefix}/upload/${collection}/${recordType}/upload`, {
    method: 'POST',
    headers: bearer(options.token ?? credential),
    body: form,
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : undefined,
    text,
  };
}

/** Polls an upload until it is completed or failed; answers its final view. */
export async function waitForUpload(
  t: TestApp,
  key: string,
  uploadId: string,
  timeoutMs = 60_000,
): Promise<any> {
  let last: HttpAnswer | undefined;
  await until(async () => {
    last = await call(t.baseUrl, 'GET', `/uploads/${uploadId}`, { apiKey: key });
    return last.status === 200 && (last.body.status === 'completed' || last.body.status === 'failed');
  }, timeoutMs);
  return last!.body;
}

/** Uploads a file and waits for it to finish. */
export async function uploadAndWait(
  t: TestApp,
  key: string,
  collection: string,
  recordType: string,
  options: UploadOptions,
): Promise<any> {
  const res = await uploadFile(t, key, collection, recordType, options);
  if (res.status !== 202) throw new Error(`upload answered ${res.status}: ${res.text}`);
  return waitForUpload(t, key, res.body.upload_id);
}

export async function ingestAndWait(
  t: TestApp,
  key: string,
  collection: string,
  recordType: string,
  records: unknown[],
  mode?: string,
): Promise<any> {
  const res = await call(t.baseUrl, 'POST', `/ingest/${collection}/${recordType}`, {
    apiKey: key,
    body: mode ? { records, mode } : { records },
  });
  if (res.status !== 202) throw new Error(`ingest answered ${res.status}: ${res.text}`);
  return waitForUpload(t, key, res.body.upload_id);
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

export const schemaBody = {
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
