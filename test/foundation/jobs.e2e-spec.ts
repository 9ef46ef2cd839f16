import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { JobQueue } from '../../src/jobs/job-queue.service.js';
import { onPostgres, startApp, type TestApp } from '../support/app.js';
import { until } from '../support/until.js';

describe('durable job queue', () => {
  let t: TestApp;
  let queue: JobQueue;
  beforeAll(async () => {
    t = await startApp();
    queue = t.app.get(JobQueue);
  });
  afterAll(() => t.close());

  const status = async (id: string) =>
    (
      (await t.dataSource.query(`SELECT status, attempts, last_error FROM jobs WHERE id = $1`, [id])) as {
        status: string;
        attempts: number;
        last_error: string | null;
      }[]
    )[0];

  it('runs an enqueued job once and marks it completed', async () => {
    const name = `q-${randomUUID()}`;
    const seen: unknown[] = [];
    queue.work(name, async (payload) => {
      seen.push(payload);
    });
    const id = (await queue.enqueue(name, { n: 1 }))!;
    await until(async () => (await status(id)).status === 'completed');
    expect(seen).toEqual([{ n: 1 }]);
  });

  it('retries a failing job with backoff, then succeeds', async () => {
    const name = `q-${randomUUID()}`;
    let calls = 0;
    queue.work(
      name,
      async () => {
        calls++;
        if (calls < 3) throw new Error(`boom ${calls}`);
      },
      { backoffBaseSeconds: 0.05 },
    );
    const id = (await queue.enqueue(name, {}))!;
    await until(async () => (await status(id)).status === 'completed');
    expect(calls).toBe(3);
    expect((await status(id)).attempts).toBe(3);
  });

  it('gives up after max_attempts and calls onExhausted once', async () => {
    const name = `q-${randomUUID()}`;
    const exhausted: string[] = [];
    queue.work(
      name,
      async () => {
        throw new Error('always');
      },
      { backoffBaseSeconds: 0.02, onExhausted: async (_p, error) => void exhausted.push(error.message) },
    );
    const id = (await queue.enqueue(name, {}, { maxAttempts: 3 }))!;
    await until(async () => (await status(id)).status === 'failed');
    expect(await status(id)).toMatchObject({ status: 'failed', attempts: 3, last_error: 'always' });
    expect(exhausted).toEqual(['always']);
  });

  it('keeps one pending job per singleton key', async () => {
    const name = `q-${randomUUID()}`;
    const first = await queue.enqueue(name, {}, { singletonKey: 'k', runAt: new Date(Date.now() + 60_000) });
    const second = await queue.enqueue(name, {}, { singletonKey: 'k' });
    expect(first).not.toBeNull();
    expect(second).toBeNull();
  });

  it('claims again a job whose worker died (lease expired)', async () => {
    const name = `q-${randomUUID()}`;
    const [row] = (await t.dataSource.query(
      `INSERT INTO jobs (queue, status, attempts, locked_until) VALUES ($1, 'running', 1, now() - interval '1 second') RETURNING id`,
      [name],
    )) as { id: string }[];
    let ran = 0;
    queue.work(name, async () => {
      ran++;
    });
    await until(async () => (await status(row.id)).status === 'completed');
    expect(ran).toBe(1);
  });

  it('enqueues inside a transaction through its manager (visible only after commit)', async () => {
    const name = `q-${randomUUID()}`;
    let ran = 0;
    queue.work(name, async () => {
      ran++;
    });
    await t.dataSource
      .transaction(async (manager) => {
        await queue.enqueue(name, {}, { manager });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    const id = await t.dataSource.transaction((manager) => queue.enqueue(name, {}, { manager }));
    queue.wake();
    await until(async () => (await status(id!)).status === 'completed');
    expect(ran).toBe(1);
  });
});

(onPostgres ? describe : describe.skip)('durable job queue across two instances (PostgreSQL)', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    [a, b] = await Promise.all([startApp(), startApp()]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  it('hands each job to exactly one worker', async () => {
    const name = `q-${randomUUID()}`;
    const handled: string[] = [];
    const byInstance = { a: 0, b: 0 };
    for (const [label, t] of [
      ['a', a],
      ['b', b],
    ] as const) {
      t.app.get(JobQueue).work(
        name,
        async (payload) => {
          handled.push(String(payload.n));
          byInstance[label]++;
          await new Promise((r) => setTimeout(r, 2));
        },
        { concurrency: 4 },
      );
    }
    const total = 300;
    await a.dataSource.query(
      `INSERT INTO jobs (queue, payload) SELECT $1, jsonb_build_object('n', g) FROM generate_series(1, $2) g`,
      [name, total],
    );
    await until(async () => {
      const [row] = (await a.dataSource.query(
        `SELECT count(*)::int AS n FROM jobs WHERE queue = $1 AND status = 'completed'`,
        [name],
      )) as { n: number }[];
      return row.n === total;
    }, 30000);
    expect(handled.length).toBe(total);
    expect(new Set(handled).size).toBe(total);
    expect(byInstance.a).toBeGreaterThan(0);
    expect(byInstance.b).toBeGreaterThan(0);
  });
});
