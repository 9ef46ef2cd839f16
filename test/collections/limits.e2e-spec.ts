import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type TestApp } from '../support/app.js';
import { setPlan, tenantWithKey } from '../support/factories.js';
import { bearer } from '../support/http.js';
import { ingestAndWait, uploadAndWait, uploadFile, waitForUpload } from './helpers.js';

const rows = (n: number, prefix: string) =>
  `name,external_id\n${Array.from({ length: n }, (_, i) => `${prefix} ${i},${prefix}-${i}`).join('\n')}\n`;

async function liveRecords(t: TestApp, tenantId: string): Promise<number> {
  const [row] = await t.dataSource.query(
    `SELECT count(*)::int AS n FROM records WHERE tenant_id = $1 AND pending_upload_id IS NULL`,
    [tenantId],
  );
  return row.n as number;
}

describe('plan limits on data (rules §5, §7)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t.close());

  const createRecord = (key: string, collection: string, recordType: string, name: string) =>
    t.api.POST('/api/v1/entities/{collection}/{record_type}', {
      params: { path: { collection, record_type: recordType } },
      body: { name },
      headers: bearer(key),
    });
  const putSchema = (key: string, collection: string, recordType: string) =>
    t.api.PUT('/api/v1/schemas/{collection}/{record_type}', {
      params: { path: { collection, record_type: recordType } },
      body: { fields: [] },
      headers: bearer(key),
    });
  /** Status and error code of a typed answer. */
  const seen = (res: { response: Response; error?: { error: string } }) => ({
    status: res.response.status,
    error: res.error?.error,
  });
  const listCollections = async (key: string) =>
    (await t.api.GET('/api/v1/collections', { headers: bearer(key) })).data!;

  describe('record cap (free: 1,000 records)', () => {
    it('stores rows up to the cap; the rest fail with plan_limit_reached and are not stored', async () => {
      const { apiKey, tenantId } = await tenantWithKey(t, ['admin']);
      const done = await uploadAndWait(t, apiKey.key, 'capped', 'doc', {
        filename: 'a.csv',
        content: rows(1200, 'r'),
      });
      expect(done).toMatchObject({
        status: 'completed',
        rows_total: 1200,
        rows_indexed: 1000,
        rows_failed: 200,
      });
      expect(done.errors).toHaveLength(100);
      expect(done.errors[0]).toEqual({ row: 1001, message: expect.stringContaining('plan_limit_reached') });
      expect(await liveRecords(t, tenantId)).toBe(1000);

      const single = await createRecord(apiKey.key, 'capped', 'doc', 'one more');
      expect(single.response.status).toBe(403);
      expect(single.error).toMatchObject({ error: 'plan_limit_reached', limit: 1000 });

      // Upserts of existing records take no room; new rows still fail.
      const upsert = await ingestAndWait(
        t,
        apiKey.key,
        'capped',
        'doc',
        [
          { name: 'renamed', external_id: 'r-5' },
          { name: 'new', external_id: 'brand-new' },
        ],
        'upsert',
      );
      expect(upsert).toMatchObject({ rows_indexed: 1, rows_failed: 1 });
      expect(upsert.errors).toEqual([{ row: 2, message: expect.stringContaining('plan_limit_reached') }]);

      // Deleting makes room again.
      const list = await t.api.GET('/api/v1/entities/{collection}', {
        params: { path: { collection: 'capped' }, query: { limit: 1 } },
        headers: bearer(apiKey.key),
      });
      await t.api.DELETE('/api/v1/entities/{collection}/{id}', {
        params: { path: { collection: 'capped', id: list.data!.items[0].id } },
        headers: bearer(apiKey.key),
      });
      const again = await createRecord(apiKey.key, 'capped', 'doc', 'fits');
      expect(again.response.status).toBe(201);
      expect(await liveRecords(t, tenantId)).toBe(1000);

      expect(await listCollections(apiKey.key)).toMatchObject({
        plan: 'free',
        record_limit: 1000,
        total_records: 1000,
      });
    });

    it('never overshoots with concurrent uploads', async () => {
      const { apiKey, tenantId } = await tenantWithKey(t, ['admin']);
      const answers = await Promise.all(
        [0, 1, 2].map((i) =>
          uploadFile(t, apiKey.key, 'race', 'doc', { filename: `${i}.csv`, content: rows(450, `u${i}`) }),
        ),
      );
      const finals = await Promise.all(answers.map((a) => waitForUpload(t, apiKey.key, a.body.upload_id)));
      expect(finals.reduce((sum, u) => sum + u.rows_indexed, 0)).toBe(1000);
      expect(finals.reduce((sum, u) => sum + u.rows_failed, 0)).toBe(350);
      expect(await liveRecords(t, tenantId)).toBe(1000);
    });

    it('never overshoots with concurrent single writes', async () => {
      const { apiKey, tenantId } = await tenantWithKey(t, ['admin']);
      await uploadAndWait(t, apiKey.key, 'singles', 'doc', { filename: 'a.csv', content: rows(995, 's') });
      const answers = (
        await Promise.all(
          Array.from({ length: 12 }, (_, i) => createRecord(apiKey.key, 'singles', 'doc', `c${i}`)),
        )
      ).map(seen);
      expect(answers.filter((a) => a.status === 201)).toHaveLength(5);
      expect(answers.filter((a) => a.status === 403 && a.error === 'plan_limit_reached')).toHaveLength(7);
      expect(await liveRecords(t, tenantId)).toBe(1000);
    });

    it('a replace counts the records it swaps out as free room', async () => {
      const { apiKey, tenantId } = await tenantWithKey(t, ['admin']);
      await uploadAndWait(t, apiKey.key, 'swap', 'doc', { filename: 'a.csv', content: rows(900, 'old') });
      const done = await uploadAndWait(t, apiKey.key, 'swap', 'doc', {
        filename: 'b.csv',
        content: rows(1000, 'new'),
        mode: 'replace',
      });
      expect(done).toMatchObject({ status: 'completed', rows_indexed: 1000, rows_failed: 0 });
      expect(await liveRecords(t, tenantId)).toBe(1000);
    });

    it('concurrent replaces of two record types fill the cap exactly, counting each other at worst', async () => {
      const { apiKey, tenantId } = await tenantWithKey(t, ['admin']);
      await uploadAndWait(t, apiKey.key, 'cp', 'p', { filename: 'a.csv', content: rows(400, 'p') });
      await uploadAndWait(t, apiKey.key, 'cq', 'q', { filename: 'a.csv', content: rows(400, 'q') });
      const answers = await Promise.all(
        (['cp/p', 'cq/q'] as const).map((target) => {
          const [collection, recordType] = target.split('/');
          return uploadFile(t, apiKey.key, collection, recordType, {
            filename: 'b.csv',
            content: rows(700, `new-${recordType}`),
            mode: 'replace',
          });
        }),
      );
      const finals = await Promise.all(answers.map((a) => waitForUpload(t, apiKey.key, a.body.upload_id)));
      expect(finals.map((u) => u.status)).toEqual(['completed', 'completed']);
      // Whichever went first got 600 (the other type still held 400); the second got the 400 left.
      expect(finals.map((u) => u.rows_indexed).sort()).toEqual([400, 600]);
      expect(await liveRecords(t, tenantId)).toBe(1000);
    });

    it('concurrent replaces of one record type: the one swapped in last may use the whole cap', async () => {
      const { apiKey, tenantId } = await tenantWithKey(t, ['admin']);
      const answers = await Promise.all(
        ['a', 'b'].map((name) =>
          uploadFile(t, apiKey.key, 'same', 'doc', {
            filename: `${name}.csv`,
            content: rows(700, name),
            mode: 'replace',
          }),
        ),
      );
      const finals = await Promise.all(answers.map((a) => waitForUpload(t, apiKey.key, a.body.upload_id)));
      expect(finals.map((u) => [u.status, u.rows_indexed])).toEqual([
        ['completed', 700],
        ['completed', 700],
      ]);
      expect(await liveRecords(t, tenantId)).toBe(700);
    });

    it('a replace whose rows were all refused by the cap replaces nothing', async () => {
      const { apiKey, tenantId } = await tenantWithKey(t, ['admin']);
      await uploadAndWait(t, apiKey.key, 'full', 'doc', { filename: 'a.csv', content: rows(1000, 'full') });
      await uploadAndWait(t, apiKey.key, 'other', 'doc', { filename: 'a.csv', content: rows(0, 'x') });
      const done = await uploadAndWait(t, apiKey.key, 'other', 'doc', {
        filename: 'b.csv',
        content: rows(5, 'more'),
        mode: 'replace',
      });
      expect(done.status).toBe('failed');
      expect(done.errors[0].message).toMatch(/nothing was replaced/);
      expect(await liveRecords(t, tenantId)).toBe(1000);
    });

    it('does not cap plans without a cap (scale)', async () => {
      const { apiKey, tenantId } = await tenantWithKey(t, ['admin']);
      await setPlan(t, tenantId, 'scale');
      const done = await uploadAndWait(t, apiKey.key, 'big', 'doc', {
        filename: 'a.csv',
        content: rows(1500, 'b'),
      });
      expect(done).toMatchObject({ rows_indexed: 1500, rows_failed: 0 });
      expect(await listCollections(apiKey.key)).toMatchObject({
        plan: 'scale',
        record_limit: null,
        total_records: 1500,
      });
    });
  });

  describe('max_collections (free: 3)', () => {
    it('refuses a fourth collection with 403 plan_limit_reached, on every door that creates one', async () => {
      const { apiKey } = await tenantWithKey(t, ['admin']);
      for (const name of ['one', 'two', 'three']) {
        expect((await putSchema(apiKey.key, name, 'doc')).response.status).toBe(200);
      }
      // Existing collections stay usable.
      expect((await putSchema(apiKey.key, 'one', 'other')).response.status).toBe(200);
      const schema = await putSchema(apiKey.key, 'four', 'doc');
      expect(schema.response.status).toBe(403);
      expect(schema.error).toEqual({
        detail: expect.stringContaining('3 collections'),
        error: 'plan_limit_reached',
        limit: 3,
      });
      const entity = await createRecord(apiKey.key, 'four', 'doc', 'x');
      expect(entity.error!.error).toBe('plan_limit_reached');
      const ingest = await t.api.POST('/api/v1/ingest/{collection}/{record_type}', {
        params: { path: { collection: 'four', record_type: 'doc' } },
        body: { records: [{ name: 'x' }] },
        headers: bearer(apiKey.key),
      });
      expect(ingest.error!.error).toBe('plan_limit_reached');
      const upload = await uploadFile(t, apiKey.key, 'four', 'doc', {
        filename: 'a.csv',
        content: 'name\nx\n',
      });
      expect(upload.status).toBe(403);
      expect(upload.body.error).toBe('plan_limit_reached');
      const list = await listCollections(apiKey.key);
      expect(list.collections.map((c) => c.name)).toEqual(['one', 'three', 'two']);
      // Deleting one makes room.
      const deleted = await t.api.DELETE('/api/v1/collections/{name}', {
        params: { path: { name: 'two' } },
        headers: bearer(apiKey.key),
      });
      expect(deleted.response.status).toBe(204);
      expect((await putSchema(apiKey.key, 'four', 'doc')).response.status).toBe(200);
    });

    it('lets exactly three of many concurrent creations through', async () => {
      const { apiKey } = await tenantWithKey(t, ['admin']);
      const answers = (
        await Promise.all(
          Array.from({ length: 8 }, (_, i) => createRecord(apiKey.key, `c${i}`, 'doc', `n${i}`)),
        )
      ).map(seen);
      expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
      expect(answers.filter((a) => a.status === 403 && a.error === 'plan_limit_reached')).toHaveLength(5);
      expect((await listCollections(apiKey.key)).collections).toHaveLength(3);
    });

    it('has no collection limit on pro', async () => {
      const { apiKey, tenantId } = await tenantWithKey(t, ['admin']);
      await setPlan(t, tenantId, 'pro');
      for (let i = 0; i < 5; i++) {
        expect((await putSchema(apiKey.key, `p${i}`, 'doc')).response.status).toBe(200);
      }
    });
  });
});
