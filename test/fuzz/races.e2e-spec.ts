import { afterAll, beforeAll, describe, it } from '@jest/globals';
import fc from 'fast-check';
import { startApp, type TestApp } from '../support/app.js';
import { mintKey } from '../support/factories.js';
import { knownDefect, knownDefectSummary } from './known-defects.js';
import { operations, type Operation } from './support/openapi.js';
import { documentedAnswerProblem } from './support/oracle.js';
import { announceSeed, check, TEST_TIMEOUT } from './support/settings.js';
import {
  json,
  makeWorld,
  send,
  settle,
  uploadForm,
  type Answer,
  type WireRequest,
  type World,
} from './support/world.js';

/**
 * Issue 20: every row-locking path raced. Each property fires a generated mix of N requests at once and
 * checks that none answers 5xx or off the documentation, and that the invariant of the path holds after.
 */
const byId = new Map(operations().map((op) => [op.id, op]));
const RACE_RUNS = Math.max(2, Math.ceil(Number(process.env.FUZZ_RUNS ?? 3) / 5));

interface Shot {
  op: string;
  request: WireRequest;
}

async function fire(world: World, shots: Shot[]): Promise<{ shot: Shot; answer: Answer }[]> {
  const answers = await Promise.all(shots.map((shot) => send(world, shot.request)));
  return shots.map((shot, i) => ({ shot, answer: answers[i] }));
}

function assertDocumented(results: { shot: Shot; answer: Answer }[]): void {
  for (const { shot, answer } of results) {
    const op = byId.get(shot.op) as Operation;
    const problem = documentedAnswerProblem(op, answer);
    if (problem && !knownDefect({ property: 'race', operationId: shot.op, answer }))
      throw new Error(`${shot.op} ${shot.request.url}: ${problem}`);
  }
}

async function count(world: World, sql: string, params: unknown[]): Promise<number> {
  const [{ n }] = (await world.t.dataSource.query(sql, params)) as { n: number }[];
  return n;
}

describe('fuzz: races on every row-locking path', () => {
  let t: TestApp;
  beforeAll(async () => {
    announceSeed('races');
    t = await startApp({ env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
  });
  afterAll(async () => {
    process.stdout.write(`fuzz races: ${knownDefectSummary()}\n`);
    await t?.close();
  });

  it(
    'key rotation and revocation: one winner, at most one successor, never 5xx',
    async () => {
      const world = await makeWorld(t);
      const action = fc.constantFrom('rotate', 'revoke', 'portal-rotate', 'portal-revoke');
      await check(
        'key rotation/revocation race',
        fc.array(action, { minLength: 2, maxLength: 10 }),
        async (actions) => {
          const key = await mintKey(t, world.owner.tenantId, { scopes: ['search'], name: 'raced' });
          const shots: Shot[] = actions.map((a) => {
            const portal = a.startsWith('portal');
            const base = portal ? `/api/v1/portal/keys/${key.id}` : `/api/v1/api-keys/${key.id}`;
            return a.endsWith('rotate')
              ? {
                  op: portal ? 'rotatePortalKey' : 'rotateApiKey',
                  request: {
                    method: 'POST',
                    url: `${base}/rotate`,
                    credential: portal ? 'jwt' : 'key',
                    ...json({ grace_period_seconds: 60 }),
                  },
                }
              : {
                  op: portal ? 'revokePortalKey' : 'revokeApiKey',
                  request: { method: 'DELETE', url: base, credential: portal ? 'jwt' : 'key' },
                };
          });
          const results = await fire(world, shots);
          assertDocumented(results);
          const rotated = results.filter(
            (r) => r.shot.request.method === 'POST' && r.answer.status === 200,
          ).length;
          if (rotated > 1) throw new Error(`${rotated} rotations of one key succeeded`);
          const successors = await count(
            world,
            `SELECT count(*)::int AS n FROM api_keys WHERE id IN (SELECT replaced_by_key_id FROM api_keys WHERE id = $1)`,
            [key.id],
          );
          if (successors !== rotated)
            throw new Error(`${rotated} rotations answered 200 but the key has ${successors} successor(s)`);
        },
      );
    },
    TEST_TIMEOUT * 2,
  );

  it(
    'member role changes, blocks and removals: an active owner always remains, never 5xx',
    async () => {
      const world = await makeWorld(t);
      const second = world.member.userId;
      const action = fc.record({
        target: fc.oneof(
          { weight: 3, arbitrary: fc.constant(second) },
          { weight: 2, arbitrary: fc.constant('00000000-0000-4000-8000-000000000000') },
          { weight: 1, arbitrary: fc.constant(world.owner.userId) },
        ),
        kind: fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom('owner', 'admin') },
          { weight: 1, arbitrary: fc.constantFrom('developer', 'block', 'unblock') },
        ),
        credential: fc.constantFrom('jwt' as const, 'key' as const),
      });
      await check('member race', fc.array(action, { minLength: 8, maxLength: 24 }), async (actions) => {
        // Two owners, as in the reproduction of defect 2.
        await t.dataSource.query(
          `UPDATE memberships SET role = 'owner', status = 'active' WHERE tenant_id = $1 AND user_id IN ($2, $3)`,
          [world.owner.tenantId, world.owner.userId, second],
        );
        const shots: Shot[] = actions.map(({ target, kind, credential }) =>
          kind === 'block' || kind === 'unblock'
            ? {
                op: kind === 'block' ? 'blockMember' : 'unblockMember',
                request: { method: 'POST', url: `/api/v1/team/members/${target}/${kind}`, credential },
              }
            : {
                op: 'changeMemberRole',
                request: {
                  method: 'PATCH',
                  url: `/api/v1/team/members/${target}`,
                  credential,
                  ...json({ role: kind }),
                },
              },
        );
        assertDocumented(await fire(world, shots));
        const owners = await count(
          world,
          `SELECT count(*)::int AS n FROM memberships WHERE tenant_id = $1 AND role = 'owner' AND status = 'active'`,
          [world.owner.tenantId],
        );
        if (owners < 1) throw new Error('no active owner left');
      });
    },
    TEST_TIMEOUT * 2,
  );

  it(
    'schema replace: the stored schema is one of those sent, never a mixture, never 5xx',
    async () => {
      const world = await makeWorld(t);
      const schema = fc
        .uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 1, maxLength: 5 })
        .map((names) => names.map((name) => ({ name, type: 'string' })));
      await check(
        'schema replace race',
        fc.array(schema, { minLength: 2, maxLength: 8 }),
        async (schemas) => {
          const shots: Shot[] = schemas.map((fields, i) => ({
            op: i % 2 ? 'portalPutSchema' : 'putSchema',
            request: {
              method: 'PUT',
              url: `${i % 2 ? '/api/v1/portal' : '/api/v1'}/schemas/${world.collection}/raced`,
              credential: i % 2 ? 'jwt' : 'key',
              ...json({ fields }),
            },
          }));
          assertDocumented(await fire(world, shots));
          const [stored] = (await t.dataSource.query(
            `SELECT s.fields FROM record_schemas s JOIN collections c ON c.id = s.collection_id
            WHERE s.tenant_id = $1 AND c.name = $2 AND s.record_type = 'raced'`,
            [world.owner.tenantId, world.collection],
          )) as { fields: { name: string }[] }[];
          const names = (stored?.fields ?? []).map((f) => f.name).join(',');
          if (!schemas.some((fields) => fields.map((f) => f.name).join(',') === names))
            throw new Error(`stored schema ${names} is none of those sent`);
        },
      );
    },
    TEST_TIMEOUT * 2,
  );

  it(
    'replace uploads: the record type ends as exactly one file, never a mixture, never 5xx',
    async () => {
      const world = await makeWorld(t);
      await check('replace upload race', fc.integer({ min: 2, max: 5 }), async (n) => {
        const shots: Shot[] = Array.from({ length: n }, (_, i) => {
          const rows = Array.from({ length: i + 1 }, (_, j) => `r${i}-${j},${i}`).join('\n');
          const portal = i % 2 === 1;
          return {
            op: portal ? 'portalUploadFile' : 'uploadFile',
            request: {
              method: 'POST',
              url: `${portal ? '/api/v1/portal' : '/api/v1'}/upload/${world.collection}/replaced/upload`,
              credential: portal ? 'jwt' : 'key',
              body: uploadForm(`name,file\n${rows}\n`, 'rows.csv', 'text/csv', 'replace'),
            },
          };
        });
        assertDocumented(await fire(world, shots));
        await settle(world, 60_000);
        const rows = (await t.dataSource.query(
          `SELECT r.collection_data->>'file' AS file FROM records r JOIN collections c ON c.id = r.collection_id
            WHERE r.tenant_id = $1 AND c.name = $2 AND r.record_type = 'replaced' AND r.pending_upload_id IS NULL`,
          [world.owner.tenantId, world.collection],
        )) as { file: string }[];
        const files = new Set(rows.map((r) => r.file));
        if (files.size !== 1 || rows.length !== Number([...files][0]) + 1)
          throw new Error(
            `after ${n} replace uploads the record type holds ${rows.length} rows of files ${[...files].join(',')}`,
          );
      });
    },
    TEST_TIMEOUT * 2,
  );

  it(
    'deletes against writes: one delete wins, nothing is left half-deleted, never 5xx',
    async () => {
      const world = await makeWorld(t);
      const action = fc.constantFrom(
        'delete-collection',
        'portal-delete-collection',
        'create',
        'ingest',
        'delete-record',
        'put-schema',
      );
      await check(
        'delete race',
        fc.array(action, { minLength: 2, maxLength: 10 }),
        async (actions) => {
          const collection = `doomed_${Math.random().toString(36).slice(2, 8)}`;
          const created = await send(world, {
            method: 'POST',
            url: `/api/v1/entities/${collection}/thing`,
            credential: 'key',
            ...json({ name: 'first' }),
          });
          const recordId = (created.body as { id: string }).id;
          const shots: Shot[] = actions.map((a): Shot => {
            switch (a) {
              case 'delete-collection':
                return {
                  op: 'deleteCollection',
                  request: { method: 'DELETE', url: `/api/v1/collections/${collection}`, credential: 'key' },
                };
              case 'portal-delete-collection':
                return {
                  op: 'portalDeleteCollection',
                  request: {
                    method: 'DELETE',
                    url: `/api/v1/portal/collections/${collection}`,
                    credential: 'jwt',
                  },
                };
              case 'create':
                return {
                  op: 'createEntity',
                  request: {
                    method: 'POST',
                    url: `/api/v1/entities/${collection}/thing`,
                    credential: 'key',
                    ...json({ name: 'x' }),
                  },
                };
              case 'ingest':
                return {
                  op: 'ingestRecords',
                  request: {
                    method: 'POST',
                    url: `/api/v1/ingest/${collection}/thing`,
                    credential: 'key',
                    ...json({ records: [{ name: 'y' }] }),
                  },
                };
              case 'delete-record':
                return {
                  op: 'deleteEntity',
                  request: {
                    method: 'DELETE',
                    url: `/api/v1/entities/${collection}/${recordId}`,
                    credential: 'key',
                  },
                };
              default:
                return {
                  op: 'putSchema',
                  request: {
                    method: 'PUT',
                    url: `/api/v1/schemas/${collection}/thing`,
                    credential: 'key',
                    ...json({ fields: [{ name: 'z', type: 'string' }] }),
                  },
                };
            }
          });
          const results = await fire(world, shots);
          assertDocumented(results);
          const recordDeletes = results.filter(
            (r) => r.shot.op === 'deleteEntity' && r.answer.status === 204,
          ).length;
          if (recordDeletes > 1) throw new Error(`${recordDeletes} deletes of one record answered 204`);
          await settle(world, 30_000);
          const orphans = await count(
            world,
            `SELECT count(*)::int AS n FROM records r WHERE r.tenant_id = $1 AND NOT EXISTS (SELECT 1 FROM collections c WHERE c.id = r.collection_id)`,
            [world.owner.tenantId],
          );
          if (orphans) throw new Error(`${orphans} records outlived their collection`);
        },
        { runs: RACE_RUNS },
      );
    },
    TEST_TIMEOUT * 2,
  );
});
