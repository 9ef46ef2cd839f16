import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { QueryRunner } from 'typeorm';
import { checkDistribution, readCatalog } from '../../src/database/distribution.js';
import { startApp, type TestApp } from '../support/app.js';

/** Runs `body` in a transaction that is always rolled back: probes leave nothing behind. */
async function rolledBack(t: TestApp, body: (runner: QueryRunner) => Promise<void>): Promise<void> {
  const runner = t.dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    await body(runner);
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

/** The SQLSTATE of a failed statement (undefined when it succeeded), under a savepoint so the transaction goes on. */
async function sqlState(runner: QueryRunner, sql: string, params: unknown[]): Promise<string | undefined> {
  await runner.query('SAVEPOINT probe');
  try {
    await runner.query(sql, params);
    await runner.query('RELEASE SAVEPOINT probe');
    return undefined;
  } catch (error) {
    await runner.query('ROLLBACK TO SAVEPOINT probe');
    return (
      (error as { driverError?: { code?: string }; code?: string }).driverError?.code ??
      (error as { code?: string }).code
    );
  }
}

const TENANT_A = '0000000a-0000-4000-8000-000000000001';
const TENANT_B = '0000000b-0000-4000-8000-000000000002';
const COLLECTION_A = '0000000c-0000-4000-8000-000000000003';
const UPLOAD_A = '0000000d-0000-4000-8000-000000000004';

describe('schema ready to distribute by tenant (src/database/distribution.ts, docs/scale-out.md)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('every table follows the tenant rule or is named, with its placement, in OUTSIDE_THE_TENANT_RULE', async () => {
    expect(checkDistribution(await readCatalog(t.dataSource))).toEqual([]);
  });

  it('the check fails on a table that breaks the rule and is not named', async () => {
    await rolledBack(t, async (runner) => {
      await runner.query(
        `CREATE TABLE distribution_probe (id uuid PRIMARY KEY, tenant_id uuid, note text UNIQUE)`,
      );
      const violations = checkDistribution(await readCatalog(runner.manager));
      expect(violations).toEqual([
        { table: 'distribution_probe', problem: 'tenant_id is nullable' },
        {
          table: 'distribution_probe',
          problem: 'primary key distribution_probe_pkey does not include tenant_id',
        },
        {
          table: 'distribution_probe',
          problem: 'unique index distribution_probe_note_key does not include tenant_id',
        },
      ]);
    });
  });

  it("a record, upload, schema, word or chunk cannot point at another tenant's collection or upload", async () => {
    await rolledBack(t, async (runner) => {
      await runner.query(
        `INSERT INTO tenants (id, name, webhook_signing_secret) VALUES ($1, 'A', 'whsec_a'), ($2, 'B', 'whsec_b')`,
        [TENANT_A, TENANT_B],
      );
      await runner.query(`INSERT INTO collections (id, tenant_id, name) VALUES ($1, $2, 'parts')`, [
        COLLECTION_A,
        TENANT_A,
      ]);
      const upload = `INSERT INTO uploads (id, tenant_id, collection_id, record_type, mode, format, status, actor_type)
                      VALUES ($1, $2, $3, 'part', 'replace', 'csv', 'pending', 'user')`;
      expect(await sqlState(runner, upload, [UPLOAD_A, TENANT_B, COLLECTION_A])).toBe('23503');
      expect(await sqlState(runner, upload, [UPLOAD_A, TENANT_A, COLLECTION_A])).toBeUndefined();

      const record = `INSERT INTO records (tenant_id, collection_id, record_type, name, pending_upload_id)
                      VALUES ($1, $2, 'part', 'valve', $3)`;
      expect(await sqlState(runner, record, [TENANT_B, COLLECTION_A, null])).toBe('23503');
      expect(await sqlState(runner, record, [TENANT_A, COLLECTION_A, null])).toBeUndefined();
      expect(await sqlState(runner, record, [TENANT_A, COLLECTION_A, UPLOAD_A])).toBeUndefined();
      expect(
        await sqlState(runner, `UPDATE records SET tenant_id = $1 WHERE tenant_id = $2`, [
          TENANT_B,
          TENANT_A,
        ]),
      ).toBe('23503');

      const schema = `INSERT INTO record_schemas (tenant_id, collection_id, record_type, fields) VALUES ($1, $2, 'part', '[]')`;
      expect(await sqlState(runner, schema, [TENANT_B, COLLECTION_A])).toBe('23503');
      const word = `INSERT INTO collection_words (tenant_id, collection_id, word) VALUES ($1, $2, 'valve')`;
      expect(await sqlState(runner, word, [TENANT_B, COLLECTION_A])).toBe('23503');
      const chunk = `INSERT INTO upload_chunks (tenant_id, upload_id, seq, data) VALUES ($1, $2, 0, '\\x00')`;
      expect(await sqlState(runner, chunk, [TENANT_B, UPLOAD_A])).toBe('23503');
      expect(await sqlState(runner, chunk, [TENANT_A, UPLOAD_A])).toBeUndefined();
    });
  });
});
