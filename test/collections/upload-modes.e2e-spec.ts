import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CHUNK_ROWS, UploadProcessor } from '../../src/collections/upload/upload-processor.service.js';
import { JobQueue } from '../../src/jobs/job-queue.service.js';
import { onPostgres, startApp, type TestApp } from '../support/app.js';
import { setPlan, tenantWithKey } from '../support/factories.js';
import { bearer } from '../support/http.js';
import { ingestAndWait, startWithTenant, uploadAndWait, uploadFile, waitForUpload } from './helpers.js';
import { until } from '../support/until.js';

const csvOf = (rows: { name: string; ext?: string; extra?: string }[], header = 'name,external_id,extra') =>
  `${header}\n${rows.map((r) => `${r.name},${r.ext ?? ''},${r.extra ?? ''}`).join('\n')}\n`;

/** Big enough for a cut after the first chunk to leave work: more than two chunks, or one and a bit. */
const RESUME_ROWS = Math.round(2.4 * CHUNK_ROWS);
const REPLACE_ROWS = Math.round(1.4 * CHUNK_ROWS);

const numbered = (n: number, prefix: string, from = 0) =>
  Array.from({ length: n }, (_, i) => ({ name: `${prefix} ${from + i}`, ext: `${prefix}-${from + i}` }));

async function listRecords(
  t: TestApp,
  key: string,
  collection: string,
  query: { record_type?: string; limit?: number; offset?: number } = {},
) {
  const res = await t.api.GET('/api/v1/entities/{collection}', {
    params: { path: { collection }, query },
    headers: bearer(key),
  });
  return res.data!;
}

async function names(t: TestApp, key: string, collection: string, recordType?: string): Promise<string[]> {
  const out: string[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await listRecords(t, key, collection, {
      limit: 100,
      offset,
      ...(recordType ? { record_type: recordType } : {}),
    });
    out.push(...page.items.map((r) => r.name));
    if (page.items.length < 100) return out;
  }
}

/** A collection's summary from `GET /collections`. */
async function collectionSummary(t: TestApp, key: string, name: string) {
  const res = await t.api.GET('/api/v1/collections', { headers: bearer(key) });
  return res.data!.collections.find((c) => c.name === name);
}

async function countRecords(t: TestApp, tenantId: string, collection: string) {
  const [row] = await t.dataSource.query(
    `SELECT count(*)::int AS n, count(DISTINCT external_id)::int AS distinct_ids,
            count(*) FILTER (WHERE pending_upload_id IS NOT NULL)::int AS staged
       FROM records r JOIN collections c ON c.id = r.collection_id WHERE c.tenant_id = $1 AND c.name = $2`,
    [tenantId, collection],
  );
  return row as { n: number; distinct_ids: number; staged: number };
}

describe('upload modes: upsert and replace (rules §5)', () => {
  let t: TestApp;
  let key: string;
  let tenantId: string;
  beforeAll(async () => {
    ({ t, key, tenantId } = await startWithTenant());
  });
  afterAll(() => t.close());

  it('append refuses an external_id that already exists (row error), even repeated in one file', async () => {
    await ingestAndWait(t, key, 'appending', 'doc', [{ name: 'first', external_id: 'a' }]);
    const done = await uploadAndWait(t, key, 'appending', 'doc', {
      filename: 'x.csv',
      content: csvOf([
        { name: 'again', ext: 'a' },
        { name: 'new', ext: 'b' },
        { name: 'twice', ext: 'b' },
      ]),
    });
    expect(done).toMatchObject({ rows_indexed: 1, rows_failed: 2 });
    expect(done.errors).toEqual([
      { row: 1, message: expect.stringContaining('external_id "a" already exists') },
      { row: 3, message: 'external_id "b" appears earlier in the file' },
    ]);
    expect(await names(t, key, 'appending')).toEqual(['first', 'new']);
  });

  it('upsert updates records by external_id and adds the others', async () => {
    await ingestAndWait(t, key, 'upserting', 'doc', [
      { name: 'one v1', external_id: '1', price: 1 },
      { name: 'two v1', external_id: '2', price: 2 },
    ]);
    const before = await listRecords(t, key, 'upserting');
    const idOfOne = before.items[0].id;
    const done = await uploadAndWait(t, key, 'upserting', 'doc', {
      filename: 'u.ndjson',
      mode: 'upsert',
      content: [
        { name: 'one v2', external_id: '1', price: 10 },
        { name: 'three', external_id: '3' },
        { name: 'no id' },
        { name: 'three v2', external_id: '3' },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    });
    expect(done).toMatchObject({
      mode: 'upsert',
      status: 'completed',
      rows_total: 4,
      rows_indexed: 4,
      rows_failed: 0,
    });
    const after = await listRecords(t, key, 'upserting');
    expect(after.total).toBe(4);
    const byExt = Object.fromEntries(after.items.map((r) => [String(r.external_id), r]));
    expect(byExt['1']).toMatchObject({ id: idOfOne, name: 'one v2', collection_data: { price: 10 } });
    expect(byExt['2']).toMatchObject({ name: 'two v1' });
    expect(byExt['3']).toMatchObject({ name: 'three v2' });
    expect(byExt.null).toMatchObject({ name: 'no id' });
  });

  it('replace swaps the record type’s records for the file’s, leaving other record types alone', async () => {
    await ingestAndWait(t, key, 'replacing', 'old', [{ name: 'keep me' }]);
    await ingestAndWait(t, key, 'replacing', 'doc', [
      { name: 'gone 1' },
      { name: 'gone 2', external_id: 'x' },
    ]);
    const done = await uploadAndWait(t, key, 'replacing', 'doc', {
      filename: 'r.json',
      mode: 'replace',
      content: JSON.stringify([{ name: 'fresh 1', external_id: 'x' }, { name: 'fresh 2' }]),
    });
    expect(done).toMatchObject({ mode: 'replace', status: 'completed', rows_indexed: 2 });
    expect(await names(t, key, 'replacing', 'doc')).toEqual(['fresh 1', 'fresh 2']);
    expect(await names(t, key, 'replacing', 'old')).toEqual(['keep me']);
    expect((await countRecords(t, tenantId, 'replacing')).staged).toBe(0);
  });

  it('two replaces at once leave exactly one file’s records', async () => {
    await ingestAndWait(t, key, 'twice', 'doc', [{ name: 'old one' }, { name: 'old two' }]);
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all(
        ['a', 'b'].map((name) =>
          uploadFile(t, key, 'twice', 'doc', {
            filename: `${name}.csv`,
            content: `name,external_id\n${Array.from({ length: 50 }, (_, i) => `${name} ${i},${name}-${i}`).join('\n')}\n`,
            mode: 'replace',
          }),
        ),
      );
      const finals = await Promise.all(answers.map((a) => waitForUpload(t, key, a.body.upload_id)));
      expect(finals.map((u) => u.status)).toEqual(['completed', 'completed']);
      const list = await listRecords(t, key, 'twice', { limit: 100 });
      expect(list.total).toBe(50);
      const files = new Set(list.items.map((r) => r.name.split(' ')[0]));
      expect(files.size).toBe(1);
    }
  });

  it('a replace whose rows all lack a name replaces nothing; a file without rows empties the type', async () => {
    await ingestAndWait(t, key, 'nameless', 'doc', [{ name: 'kept' }]);
    const refused = await uploadAndWait(t, key, 'nameless', 'doc', {
      filename: 'a.csv',
      content: 'title,price\nno name,1\n',
      mode: 'replace',
    });
    expect(refused).toMatchObject({ status: 'failed', rows_total: 1, rows_failed: 1 });
    expect((await listRecords(t, key, 'nameless')).total).toBe(1);
    const emptied = await uploadAndWait(t, key, 'nameless', 'doc', {
      filename: 'b.csv',
      content: 'name,price\n',
      mode: 'replace',
    });
    expect(emptied).toMatchObject({ status: 'completed', rows_total: 0 });
    expect((await listRecords(t, key, 'nameless')).total).toBe(0);
  });

  it('a replace with a broken file changes nothing', async () => {
    await ingestAndWait(t, key, 'replace-broken', 'doc', [{ name: 'survivor' }]);
    const res = await uploadFile(t, key, 'replace-broken', 'doc', {
      filename: 'r.csv',
      mode: 'replace',
      content: 'name\n"never closed\n',
    });
    expect(res.body.status).toBe('failed');
    expect(await names(t, key, 'replace-broken')).toEqual(['survivor']);
    expect(await collectionSummary(t, key, 'replace-broken')).toMatchObject({
      total_records: 1,
      has_pending_replace: false,
    });
  });
});

describe('chunks written in parallel keep the file’s order and external id rules (uncapped plan)', () => {
  let t: TestApp;
  let key: string;
  beforeAll(async () => {
    t = await startApp();
    const account = await tenantWithKey(t, ['admin']);
    key = account.apiKey.key;
    await setPlan(t, account.tenantId, 'scale');
  });
  afterAll(() => t.close());

  it('lists rows in file order and applies a repeated external id in file order, across chunks', async () => {
    const total = Math.round(3.2 * CHUNK_ROWS);
    const late = Math.round(2.4 * CHUNK_ROWS);
    const rows = numbered(total, 'row');
    rows[late] = { name: 'late duplicate', ext: 'row-10' }; // chunk 3 repeats an id of chunk 1
    const appended = await uploadAndWait(t, key, 'ordered', 'doc', {
      filename: 'a.csv',
      content: csvOf(rows),
    });
    expect(appended).toMatchObject({ status: 'completed', rows_indexed: total - 1, rows_failed: 1 });
    expect(appended.errors).toEqual([
      { row: late + 1, message: expect.stringContaining('external_id "row-10" already exists') },
    ]);
    const listed = await names(t, key, 'ordered');
    expect(listed).toHaveLength(total - 1);
    expect(listed.slice(0, 3)).toEqual(['row 0', 'row 1', 'row 2']);
    expect(listed.indexOf(`row ${late - 1}`)).toBeLessThan(listed.indexOf(`row ${late + 1}`));
    expect(
      listed.every((name, i) => i === 0 || Number(name.split(' ')[1]) > Number(listed[i - 1].split(' ')[1])),
    ).toBe(true);

    const updateCount = Math.round(1.1 * CHUNK_ROWS);
    const updates = numbered(updateCount, 'v2');
    updates[0] = { name: 'first version', ext: 'same' };
    updates[Math.round(1.05 * CHUNK_ROWS)] = { name: 'last version', ext: 'same' };
    const upserted = await uploadAndWait(t, key, 'upsert-order', 'doc', {
      filename: 'u.csv',
      content: csvOf(updates),
      mode: 'upsert',
    });
    expect(upserted).toMatchObject({ status: 'completed', rows_indexed: updateCount, rows_failed: 0 });
    const all = await names(t, key, 'upsert-order');
    expect(all).toContain('last version');
    expect(all).not.toContain('first version');
  });
});

describe('the pipeline under interruption (rules §5: durable, resumable, replace atomic)', () => {
  // The queue of this app is stopped: the test drives the processor itself, to cut runs short.
  let t: TestApp;
  let key: string;
  let tenantId: string;
  let processor: UploadProcessor;
  beforeAll(async () => {
    t = await startApp();
    const account = await tenantWithKey(t, ['admin']);
    key = account.apiKey.key;
    tenantId = account.tenantId;
    await setPlan(t, tenantId, 'scale');
    await t.app.get(JobQueue).beforeApplicationShutdown();
    processor = t.app.get(UploadProcessor);
  });
  afterAll(() => t.close());

  /** A context whose run is cut after `chunks` committed chunks (as a crash right after a commit). */
  const cutAfter = (chunks: number) => {
    const controller = new AbortController();
    let beats = 0;
    return {
      signal: controller.signal,
      heartbeat: async () => {
        if (++beats >= chunks) controller.abort();
      },
    };
  };
  const uninterrupted = () => ({ signal: new AbortController().signal, heartbeat: async () => undefined });
  const upload = async (id: string) =>
    (await t.api.GET('/api/v1/uploads/{id}', { params: { path: { id } }, headers: bearer(key) })).data!;

  it('resumes after the last committed chunk, never writing a row twice', async () => {
    const res = await uploadFile(t, key, 'resumable', 'doc', {
      filename: 'big.csv',
      content: csvOf(numbered(RESUME_ROWS, 'row')),
    });
    expect(res.body).toMatchObject({ status: 'pending', rows_received: RESUME_ROWS });
    const id = res.body.upload_id as string;
    await expect(processor.process(id, cutAfter(1))).rejects.toThrow(/interrupted/);
    // Cut after the first chunk (the one written alongside it may have committed too).
    const cut = await upload(id);
    expect(cut.status).toBe('processing');
    expect([CHUNK_ROWS, 2 * CHUNK_ROWS]).toContain(cut.rows_indexed);
    expect(await countRecords(t, tenantId, 'resumable')).toMatchObject({
      n: cut.rows_indexed,
      distinct_ids: cut.rows_indexed,
    });

    await processor.process(id, uninterrupted());
    expect(await upload(id)).toMatchObject({
      status: 'completed',
      rows_total: RESUME_ROWS,
      rows_indexed: RESUME_ROWS,
      rows_failed: 0,
    });
    expect(await countRecords(t, tenantId, 'resumable')).toEqual({
      n: RESUME_ROWS,
      distinct_ids: RESUME_ROWS,
      staged: 0,
    });
    // A redelivered job for a finished upload does nothing.
    await processor.process(id, uninterrupted());
    expect((await countRecords(t, tenantId, 'resumable')).n).toBe(RESUME_ROWS);
  });

  it('shows has_pending_replace while a replace runs, and the old records until the swap', async () => {
    // The queue is stopped: the ingest is processed by hand.
    const ingest = await t.api.POST('/api/v1/ingest/{collection}/{record_type}', {
      params: { path: { collection: 'swapping', record_type: 'doc' } },
      body: { records: [{ name: 'old 1' }, { name: 'old 2' }] },
      headers: bearer(key),
    });
    await processor.process(ingest.data!.upload_id, uninterrupted());
    expect(await names(t, key, 'swapping')).toEqual(['old 1', 'old 2']);

    const res = await uploadFile(t, key, 'swapping', 'doc', {
      filename: 'new.csv',
      mode: 'replace',
      content: csvOf(numbered(REPLACE_ROWS, 'new')),
    });
    const id = res.body.upload_id as string;
    const pending = () => collectionSummary(t, key, 'swapping');
    expect(await pending()).toMatchObject({ has_pending_replace: true, total_records: 2 });
    await expect(processor.process(id, cutAfter(1))).rejects.toThrow(/interrupted/);
    // Rows staged, invisible: the collection still shows the old records.
    expect((await countRecords(t, tenantId, 'swapping')).staged).toBeGreaterThanOrEqual(CHUNK_ROWS);
    expect(await pending()).toMatchObject({ has_pending_replace: true, total_records: 2, indexed: 2 });
    expect(await names(t, key, 'swapping')).toEqual(['old 1', 'old 2']);
    const search = await t.api.POST('/api/v1/search/{collection}', {
      params: { path: { collection: 'swapping' } },
      body: { query: 'new' },
      headers: bearer(key),
    });
    expect(search.data!.total).toBe(0);

    await processor.process(id, uninterrupted());
    expect(await pending()).toMatchObject({
      has_pending_replace: false,
      total_records: REPLACE_ROWS,
      indexed: REPLACE_ROWS,
    });
    expect(await countRecords(t, tenantId, 'swapping')).toEqual({
      n: REPLACE_ROWS,
      distinct_ids: REPLACE_ROWS,
      staged: 0,
    });
  });

  it('a replace failing midway drops its staged rows and leaves the old records intact', async () => {
    const seed = await uploadFile(t, key, 'atomic', 'doc', {
      filename: 'seed.csv',
      content: csvOf(numbered(3, 'old')),
    });
    await processor.process(seed.body.upload_id, uninterrupted());
    const res = await uploadFile(t, key, 'atomic', 'doc', {
      filename: 'new.csv',
      mode: 'replace',
      content: csvOf(numbered(REPLACE_ROWS, 'new')),
    });
    const id = res.body.upload_id as string;
    await expect(processor.process(id, cutAfter(1))).rejects.toThrow(/interrupted/);
    expect((await countRecords(t, tenantId, 'atomic')).staged).toBeGreaterThanOrEqual(CHUNK_ROWS);
    // The stored bytes get damaged: the resumed run cannot finish, the upload fails for good.
    await t.dataSource.query(
      `UPDATE upload_chunks SET data = data || '"unclosed'::bytea WHERE upload_id = $1`,
      [id],
    );
    await processor.process(id, uninterrupted());
    const failed = await upload(id);
    expect(failed.status).toBe('failed');
    expect(failed.errors[0]).toEqual({ row: 0, message: expect.stringContaining('never closed') });
    expect(await countRecords(t, tenantId, 'atomic')).toEqual({ n: 3, distinct_ids: 3, staged: 0 });
    expect(await names(t, key, 'atomic')).toEqual(['old 0', 'old 1', 'old 2']);
    const audit = await t.dataSource.query(
      `SELECT 1 FROM audit_events WHERE action = 'upload.failed' AND target_id = $1`,
      [id],
    );
    expect(audit).toHaveLength(1);
  });
});

describe('an upload survives a restart of the server (rules §5)', () => {
  it('continues on the next start and stores every row exactly once', async () => {
    let t = await startApp();
    const account = await tenantWithKey(t, ['admin']);
    await setPlan(t, account.tenantId, 'scale');
    const key = account.apiKey.key;
    const res = await uploadFile(t, key, 'restart', 'doc', {
      filename: 'big.csv',
      content: csvOf(numbered(30_000, 'row')),
    });
    expect(res.status).toBe(202);
    const id = res.body.upload_id as string;
    // Stop the server while it works on the upload (or right after, on a fast machine).
    await until(async () => {
      const rows = await t.dataSource.query(`SELECT rows_done, status FROM uploads WHERE id = $1`, [id]);
      return rows[0].rows_done > 0 || rows[0].status === 'completed';
    });
    const dataDir = t.dataDir;
    await t.close({ keepData: true });

    t = await startApp(onPostgres ? {} : { dataDir });
    try {
      const done = await waitForUpload(t, key, id, 120_000);
      expect(done).toMatchObject({
        status: 'completed',
        rows_total: 30_000,
        rows_indexed: 30_000,
        rows_failed: 0,
      });
      expect(await countRecords(t, account.tenantId, 'restart')).toEqual({
        n: 30_000,
        distinct_ids: 30_000,
        staged: 0,
      });
    } finally {
      await t.close();
    }
  });
});
