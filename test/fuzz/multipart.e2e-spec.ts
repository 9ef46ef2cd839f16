import { afterAll, beforeAll, describe, it } from '@jest/globals';
import fc from 'fast-check';
import { startApp, type TestApp } from '../support/app.js';
import { knownDefect, knownDefectSummary } from './known-defects.js';
import { operations } from './support/openapi.js';
import { documentedAnswerProblem } from './support/oracle.js';
import { announceSeed, check, TEST_TIMEOUT } from './support/settings.js';
import {
  fingerprint,
  fingerprintChanges,
  makeWorld,
  send,
  settle,
  type Answer,
  type World,
} from './support/world.js';

/**
 * Issue 20: the two upload doors (API key and portal) with multipart bodies built by hand — missing and
 * duplicated parts, odd filenames, empty and unparseable files, wrong content types. Every answer is a
 * documented one; a refusal changes nothing; a file that cannot be parsed changes nothing either (rules §5),
 * which the collections count shows. And what goes in comes out: numbers of a JSON upload read back as sent.
 */
const BOUNDARY = '----cisternfuzz';

interface Part {
  name: string;
  filename?: string;
  type?: string;
  content: string;
}

function multipart(parts: Part[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"`;
    if (part.filename !== undefined) head += `; filename="${part.filename}"`;
    head += '\r\n';
    if (part.type) head += `Content-Type: ${part.type}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`, 'utf8'), Buffer.from(part.content, 'utf8'), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

const filename = fc.oneof(
  fc.constantFrom(
    'rows.csv',
    'rows.json',
    'rows.ndjson',
    'rows.jsonl',
    'ROWS.CSV',
    'rows.csv.exe',
    'rows',
    '.csv',
  ),
  fc.constantFrom(
    'a\u0000b.csv',
    '../../etc/passwd.csv',
    '%00.csv',
    'x"y.csv',
    '\u202egpj.csv',
    'é'.repeat(300) + '.csv',
    '',
  ),
  fc.string({ maxLength: 30 }).map((s) => `${s}.csv`),
);
const fileContent = fc.oneof(
  fc.constant(''),
  fc.constant('name,price\nBolt,1.5\nNut,0.2\n'),
  fc.constant('[{"name":"Bolt","price":1.5}]'),
  fc.constant('{"name":"Bolt"}\n{"name":"Nut","price":2}\n'),
  fc.constantFrom(
    '[{"name":',
    'not json at all {',
    '\u0000\u0001\u0002',
    '"a","b\n"c',
    '[1,2,3]',
    '{}',
    'null',
  ),
  fc.string({ maxLength: 200 }),
);
const partType = fc.constantFrom(
  undefined,
  'text/csv',
  'application/json',
  'application/x-ndjson',
  'image/png',
  'text/plain; charset=latin1',
);
const mode = fc.constantFrom('append', 'upsert', 'replace', 'REPLACE', '', 'x'.repeat(300));

const partsArb: fc.Arbitrary<{ parts: Part[]; unparseable: boolean }> = fc
  .record({
    file: fc.record({ filename, content: fileContent, type: partType }),
    fileCount: fc.constantFrom(0, 1, 1, 1, 2),
    mode: fc.option(mode, { nil: undefined }),
    modeCount: fc.constantFrom(1, 2),
    stray: fc.boolean(),
  })
  .map(({ file, fileCount, mode: m, modeCount, stray }) => {
    const parts: Part[] = [];
    if (m !== undefined) for (let i = 0; i < modeCount; i++) parts.push({ name: 'mode', content: m });
    for (let i = 0; i < fileCount; i++) parts.push({ name: 'file', ...file });
    if (stray) parts.push({ name: 'unexpected', content: 'x' });
    const unparseable = ['[{"name":', 'not json at all {', '[1,2,3]', 'null'].includes(file.content);
    return { parts, unparseable };
  });

const SPECIAL_NUMBERS = [
  '1e400',
  '-1e400',
  '1e-400',
  '0.1',
  '-0',
  '9007199254740991',
  '1.7976931348623157e308',
];

async function collections(world: World): Promise<number> {
  const [{ n }] = (await world.t.dataSource.query(
    `SELECT count(*)::int AS n FROM collections WHERE tenant_id = $1`,
    [world.owner.tenantId],
  )) as { n: number }[];
  return n;
}

describe('fuzz: multipart on the upload doors', () => {
  let t: TestApp;
  beforeAll(async () => {
    announceSeed('multipart');
    t = await startApp({ env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
  });
  afterAll(async () => {
    process.stdout.write(`fuzz multipart: ${knownDefectSummary()}\n`);
    await t?.close();
  });

  for (const op of operations().filter((o) => o.multipart)) {
    it(
      `${op.id}: ${op.method} ${op.path}`,
      async () => {
        const world = await makeWorld(t);
        const credential = op.credentials[0];
        await check(
          `${op.id} answers hand-made multipart bodies as documented`,
          fc.record({ body: partsArb, fresh: fc.boolean(), n: fc.nat(1_000_000) }),
          async ({ body, fresh, n }) => {
            const collection = fresh ? `fresh_${n}` : world.collection;
            const before = await fingerprint(world);
            const collectionsBefore = await collections(world);
            const answer: Answer = await send(world, {
              method: 'POST',
              url: op.path.replace('{collection}', collection).replace('{record_type}', world.recordType),
              credential,
              headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
              body: multipart(body.parts),
            });
            const names = body.parts.map((p) => p.filename ?? '').join(' ');
            const problem = documentedAnswerProblem(op, answer);
            if (problem && !knownDefect({ property: 'multipart', operationId: op.id, answer, detail: names }))
              throw new Error(`${problem}; parts ${JSON.stringify(body.parts).slice(0, 300)}`);
            if (answer.status >= 400 && answer.status < 500) {
              const changed = fingerprintChanges(before, await fingerprint(world));
              if (changed.length)
                throw new Error(`refused (${answer.status}) but changed ${changed.join(', ')}`);
            }
            await settle(world);
            if (
              body.unparseable &&
              answer.status === 202 &&
              fresh &&
              (await collections(world)) !== collectionsBefore
            ) {
              const detail = 'unparseable file changed the collections';
              if (!knownDefect({ property: 'multipart', operationId: op.id, answer, detail }))
                throw new Error(detail);
            }
          },
        );
      },
      TEST_TIMEOUT * 2,
    );
  }

  it(
    'numbers of a JSON upload read back as sent (or the row is refused naming the field)',
    async () => {
      const world = await makeWorld(t);
      const literal = fc.oneof(
        fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => JSON.stringify(x)),
        fc.integer().map(String),
        fc.constantFrom(...SPECIAL_NUMBERS),
      );
      const uploadRoundtrip = async (text: string): Promise<void> => {
        const content = `[{"name":"n","external_id":"x${Date.now()}${Math.random()}","price":${text}}]`;
        const form = new FormData();
        form.append('file', new Blob([content], { type: 'application/json' }), 'n.json');
        const answer = await send(world, {
          method: 'POST',
          url: `/api/v1/upload/${world.collection}/${world.recordType}/upload`,
          credential: 'key',
          body: form,
        });
        if (answer.status !== 202) throw new Error(`upload answered ${answer.status}: ${answer.text}`);
        const uploadId = (answer.body as { upload_id: string }).upload_id;
        await settle(world);
        const [row] = (await world.t.dataSource.query(
          `SELECT collection_data->'price' AS price, indexing_status FROM records WHERE pending_upload_id IS NULL AND tenant_id = $1
             AND external_id = (SELECT $2::text)`,
          [world.owner.tenantId, JSON.parse(content)[0].external_id],
        )) as { price: unknown; indexing_status: string }[];
        const upload = (
          await send(world, { method: 'GET', url: `/api/v1/uploads/${uploadId}`, credential: 'key' })
        ).body as {
          rows_failed: number;
          errors: { message?: string }[];
        };
        const expected = JSON.parse(text) as number;
        const refusedNamingField =
          upload.rows_failed === 1 &&
          JSON.stringify(upload.errors).includes('price') &&
          (!row || row.indexing_status === 'failed');
        if (process.env.FUZZ_DEBUG)
          process.stdout.write(`${text} -> ${JSON.stringify(row)} ${JSON.stringify(upload)}\n`);
        if (refusedNamingField) return;
        if (row && Number(row.price) === expected && row.price !== null) return;
        if (row && Object.is(expected, -0) && Number(row.price) === 0) return;
        const detail = `${text} read back as ${JSON.stringify(row?.price)}`;
        if (!knownDefect({ property: 'roundtrip', operationId: 'uploadFile', answer, detail }))
          throw new Error(detail);
      };
      const entityRoundtrip = async (text: string): Promise<void> => {
        const expected = JSON.parse(text) as number;
        // The same number in a schema-less record through the JSON door: stored as sent, or 422 naming it.
        const created = await send(world, {
          method: 'POST',
          url: `/api/v1/entities/${world.collection}/untyped`,
          credential: 'key',
          headers: { 'content-type': 'application/json' },
          body: `{"name":"n","collection_data":{"v":${text}}}`,
        });
        if (created.status === 422 && created.text.includes('collection_data.v')) return;
        const id = (created.body as { id?: string } | undefined)?.id;
        const got = id
          ? ((
              await send(world, {
                method: 'GET',
                url: `/api/v1/entities/${world.collection}/${id}`,
                credential: 'key',
              })
            ).body as { collection_data: { v: unknown } })
          : undefined;
        const v = got?.collection_data.v;
        if (process.env.FUZZ_DEBUG)
          process.stdout.write(
            `entity ${text}: ${created.status} ${created.text.slice(0, 200)} -> ${JSON.stringify(v)}\n`,
          );
        if (typeof v === 'number' && (v === expected || (Object.is(expected, -0) && v === 0))) return;
        const entityDetail = `${text} in collection_data answered ${created.status}, read back as ${JSON.stringify(v)}`;
        if (
          !knownDefect({
            property: 'roundtrip',
            operationId: 'createEntity',
            answer: created,
            detail: entityDetail,
          })
        )
          throw new Error(entityDetail);
      };
      const roundtrip = async (text: string): Promise<void> => {
        await uploadRoundtrip(text);
        await entityRoundtrip(text);
      };
      // The literals JSON cannot carry exactly, every time; then generated ones.
      for (const text of SPECIAL_NUMBERS) await roundtrip(text);
      await check('JSON numbers survive an upload', literal, roundtrip);
    },
    TEST_TIMEOUT * 2,
  );
});
