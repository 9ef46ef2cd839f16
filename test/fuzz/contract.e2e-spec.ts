import { afterAll, beforeAll, describe, it } from '@jest/globals';
import fc from 'fast-check';
import { startApp, type TestApp } from '../support/app.js';
import { knownDefect, knownDefectSummary, type Finding } from './known-defects.js';
import { operations, type Operation } from './support/openapi.js';
import { documentedAnswerProblem, refusalProblem } from './support/oracle.js';
import { caseArb, hostileArb, invalidSites, toWire } from './support/requests.js';
import { announceSeed, check, RUNS, TEST_TIMEOUT } from './support/settings.js';
import { fingerprint, fingerprintChanges, makeWorld, send, settle, type World } from './support/world.js';

/**
 * Issue 20, the contract fuzz: for every operation of openapi.json, with the credential it documents,
 * - requests valid by the schema answer a documented status whose body matches the documented schema;
 * - requests invalid by the schema (one rule broken at one place) answer 4xx in the rules §0 error shape
 *   and change nothing (a fingerprint of the tenant's rows before and after);
 * - hostile text in any text field, path or query parameter answers as documented, never 5xx, and a
 *   refusal changes nothing;
 * - interop: the auth scheme in any casing, and empty bodies, are not refused for their form.
 *
 * Operations that share a resource share a world (a tenant with fixtures), reads first and deletes last,
 * so a delete does not starve the reads of their rows; that keeps the CI slice within its time.
 */
const METHOD_ORDER: Record<string, number> = { GET: 0, PUT: 1, PATCH: 1, POST: 1, DELETE: 2 };

function group(op: Operation): string {
  const parts = op.path.replace('/api/v1/', '').split('/');
  return parts[0] === 'portal' ? `portal/${parts[1]}` : parts[0];
}

const ordered = operations().sort(
  (a, b) =>
    group(a).localeCompare(group(b)) ||
    METHOD_ORDER[a.method] - METHOD_ORDER[b.method] ||
    // Rotations revoke their key: after the other writes of the group.
    Number(a.path.endsWith('/rotate')) - Number(b.path.endsWith('/rotate')) ||
    a.path.localeCompare(b.path),
);

function fail(finding: Finding, message: string): void {
  if (knownDefect(finding)) return;
  throw new Error(message);
}

describe('fuzz: every operation of openapi.json against its schemas', () => {
  let t: TestApp;
  const worlds = new Map<string, World>();
  beforeAll(async () => {
    announceSeed('contract');
    t = await startApp({ env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
  });
  afterAll(async () => {
    process.stdout.write(`fuzz contract: ${knownDefectSummary()}\n`);
    await t?.close();
  });

  for (const op of ordered) {
    it(
      `${op.id}: ${op.method} ${op.path}`,
      async () => {
        let world = worlds.get(group(op));
        if (!world) worlds.set(group(op), (world = await makeWorld(t)));
        else await settle(world);
        const w = world;

        await check(
          `${op.id} refuses requests invalid by the schema and changes nothing`,
          fc.tuple(caseArb(w, op), fc.nat()).map(([c, pick]) => {
            const sites = invalidSites(op, c);
            return sites[pick % sites.length];
          }),
          async (invalid) => {
            const before = await fingerprint(w);
            const answer = await send(w, toWire(op, invalid.case));
            const problem = refusalProblem(answer);
            const changed = fingerprintChanges(before, await fingerprint(w));
            if (!problem && changed.length === 0) return;
            const finding: Finding = {
              property: 'invalid',
              operationId: op.id,
              answer,
              mutation: invalid.kind,
              insideArray: invalid.insideArray,
              detail: invalid.detail,
            };
            if (knownDefect(finding)) {
              // An excused acceptance may have started background work: later runs start from a still state.
              if (changed.length) await settle(w);
              return;
            }
            throw new Error(
              `${invalid.kind} at ${invalid.at}: ${problem ?? `answered ${answer.status}`}` +
                (changed.length ? `; changed ${changed.join(', ')}` : ''),
            );
          },
        );

        await check(`${op.id} answers hostile text as documented`, hostileArb(w, op), async (hostile) => {
          const before = await fingerprint(w);
          const answer = await send(w, toWire(op, hostile.case, hostile));
          const problem = documentedAnswerProblem(op, answer);
          // A refusal of the input itself changes nothing (a 401 of login rightly counts a failure).
          const changed = [400, 413, 415, 422].includes(answer.status)
            ? fingerprintChanges(before, await fingerprint(w))
            : [];
          // An accepted request may start background work (ingest, uploads): the next run starts from a still state.
          if (answer.status < 300) await settle(w);
          if (!problem && changed.length === 0) return;
          fail(
            { property: 'hostile', operationId: op.id, answer, detail: hostile.text },
            `${JSON.stringify(hostile.text.slice(0, 40))} at ${hostile.at}: ${problem ?? `refused but changed ${changed.join(', ')}`}`,
          );
        });

        await check(
          `${op.id} answers requests valid by the schema as documented`,
          caseArb(w, op),
          async (c) => {
            const answer = await send(w, toWire(op, c));
            const problem = documentedAnswerProblem(op, answer);
            if (problem) fail({ property: 'valid', operationId: op.id, answer }, problem);
          },
        );

        await check(
          `${op.id} takes any casing of the auth scheme and empty bodies`,
          caseArb(w, op),
          async (c) => {
            if (c.credential !== 'none' && c.scheme !== 'x-api-key') {
              for (const scheme of ['bearer', 'BEARER']) {
                const answer = await send(w, { ...toWire(op, c), scheme });
                // A 401 about the request's own content (a wrong current password) is not the scheme's.
                const refused = (answer.body as { error?: string } | undefined)?.error;
                if (answer.status === 401 && refused !== 'invalid_credentials')
                  fail(
                    { property: 'interop', operationId: op.id, answer, detail: 'scheme' },
                    `Authorization: ${scheme} … answered 401`,
                  );
              }
            }
            const bare = { ...toWire(op, { ...c, body: undefined }) };
            if (!op.jsonBody && op.method === 'POST' && !op.multipart) {
              // A body-less action sent the way common clients send it: `curl -d ''`, fetch with an empty JSON body.
              for (const type of ['application/x-www-form-urlencoded', 'application/json']) {
                const answer = await send(w, { ...bare, body: '', headers: { 'content-type': type } });
                const problem = documentedAnswerProblem(op, answer);
                if (problem || answer.status === 415)
                  fail(
                    { property: 'interop', operationId: op.id, answer, detail: 'empty body' },
                    `empty ${type} body: ${problem ?? 'answered 415'}`,
                  );
              }
            }
            if (op.jsonBody) {
              // The rule of issue 20 item 8: an empty body with Content-Type: application/json is `{}`.
              const answer = await send(w, {
                ...bare,
                body: '',
                headers: { 'content-type': 'application/json' },
              });
              const problem = documentedAnswerProblem(op, answer);
              if (
                problem ||
                (answer.status === 400 && (answer.body as { error?: string })?.error === 'invalid_json')
              )
                fail(
                  { property: 'interop', operationId: op.id, answer, detail: 'empty json body' },
                  `empty JSON body: ${problem ?? 'answered 400 invalid_json'}`,
                );
            }
          },
          // Each run sends up to four requests, all of one form: fewer runs say as much.
          { runs: Math.max(1, Math.floor(RUNS / 3)) },
        );
      },
      TEST_TIMEOUT * 2,
    );
  }
});
