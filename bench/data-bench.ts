/**
 * `npm run bench:data`: the data benchmark (issue 4). Starts a server on PostgreSQL (a database of its
 * own, recreated each run: BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/cistern_bench),
 * uploads a generated 100,000-row CSV through the API and times it until the upload is completed, then
 * runs searches at concurrency 10 and reports p50/p95/p99.
 *
 * Environment: BENCH_ROWS (100000), BENCH_SEARCHES (2000), BENCH_CONCURRENCY (10), BENCH_SEARCH_ONLY,
 * BENCH_KIND, BENCH_CPU_PROF, BENCH_SERVER.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, openAsBlob, readdirSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { generateApiKey, hashApiKey, keyPrefix } from '../src/auth/api-key-format.js';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/cistern_bench';
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const SEARCHES = Number(process.env.BENCH_SEARCHES ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
/** BENCH_SEARCH_ONLY=1: no upload; search the records left in the database by the previous run. */
const SEARCH_ONLY = process.env.BENCH_SEARCH_ONLY === '1';
/** BENCH_KIND: only the searches of this kind of the mix (e.g. `typo (fuzzy)`), to measure one alone. */
const ONLY_KIND = process.env.BENCH_KIND;
/** BENCH_SERVER: the server's entry point (default dist/src/main.js), e.g. a copy of another build to compare. */
const SERVER = process.env.BENCH_SERVER ?? 'dist/src/main.js';
const SALT = 'bench-api-key-salt-0123456789abcdef0123456789';
const JWT_SECRET = 'bench-jwt-secret-0123456789abcdef0123456789';

const ADJECTIVES = [
  'stainless',
  'heavy duty',
  'compact',
  'sealed',
  'miniature',
  'industrial',
  'precision',
  'corrosion resistant',
  'high speed',
  'low noise',
  'double row',
  'self aligning',
  'flanged',
  'threaded',
  'reinforced',
  'lightweight',
  'insulated',
  'adjustable',
  'quick release',
  'galvanized',
  'hardened',
  'food grade',
  'marine',
  'explosion proof',
];
const MATERIALS = [
  'steel',
  'brass',
  'aluminium',
  'bronze',
  'ceramic',
  'nylon',
  'polyurethane',
  'cast iron',
  'titanium',
  'copper',
  'rubber',
  'carbon',
  'zinc',
  'chrome',
  'PTFE',
  'nitrile',
];
const NOUNS = [
  'bearing',
  'valve',
  'pump',
  'gasket',
  'coupling',
  'bushing',
  'sprocket',
  'pulley',
  'gearbox',
  'actuator',
  'sensor',
  'relay',
  'switch',
  'fuse',
  'hose',
  'clamp',
  'fitting',
  'flange',
  'nozzle',
  'filter',
  'spring',
  'washer',
  'bolt',
  'nut',
  'screw',
  'rivet',
  'shaft',
  'collar',
  'seal',
  'o-ring',
  'belt',
  'chain',
  'bracket',
  'hinge',
  'caster',
  'wheel',
  'motor',
  'controller',
  'transformer',
  'capacitor',
  'resistor',
  'connector',
  'terminal',
  'cable',
  'conduit',
  'manifold',
  'regulator',
  'gauge',
  'thermostat',
  'heater',
  'fan',
  'blower',
  'compressor',
  'cylinder',
  'piston',
  'solenoid',
  'encoder',
  'inverter',
  'thermocouple',
  'manometer',
];
const CATEGORIES = ['mechanical', 'electrical', 'hydraulic', 'pneumatic', 'fasteners', 'sealing', 'motion'];
const USES = [
  'pumps',
  'conveyors',
  'HVAC systems',
  'food processing',
  'marine engines',
  'robotics',
  'packaging lines',
];

/** Deterministic pseudo-random numbers (same data every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

async function writeCsv(path: string, rows: number): Promise<number> {
  const random = rng(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const out = createWriteStream(path);
  out.write('name,description,external_id,visibility,sku,price,stock,in_stock,category,tags\n');
  let bytes = 0;
  for (let i = 0; i < rows; i++) {
    const noun = pick(NOUNS);
    const material = pick(MATERIALS);
    const name = `${pick(ADJECTIVES)} ${material} ${noun} ${Math.floor(random() * 9000) + 1000}`;
    const description = `A ${material} ${noun} for ${pick(USES)}, rated for ${Math.floor(random() * 200) + 10} bar, "${pick(
      ADJECTIVES,
    )}" finish.`;
    const line = [
      csvField(name),
      csvField(description),
      `SKU-${i}`,
      random() < 0.5 ? 'public' : 'private',
      `P${100000 + i}`,
      (random() * 500).toFixed(2),
      String(Math.floor(random() * 1000)),
      random() < 0.8 ? 'true' : 'false',
      pick(CATEGORIES),
      csvField(`${material}|${pick(CATEGORIES)}`),
    ].join(',');
    bytes += line.length + 1;
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

async function recreateDatabase(): Promise<void> {
  const url = new URL(DATABASE_URL);
  const name = url.pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unexpected database name ${name}`);
  const admin = new pg.Client({
    connectionString: Object.assign(new URL(DATABASE_URL), { pathname: '/postgres' }).href,
  });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
}

async function startServer(port: number): Promise<ChildProcess> {
  // BENCH_CPU_PROF=1: the server writes a V8 CPU profile to bench/results/profiles/ when it stops.
  const flags =
    process.env.BENCH_CPU_PROF === '1' ? ['--cpu-prof', '--cpu-prof-dir=bench/results/profiles'] : [];
  const child = spawn(process.execPath, [...flags, SERVER], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      JWT_SECRET,
      API_KEY_SALT: SALT,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const started = Date.now();
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      if (res.status === 200) return child;
    } catch {
      /* not listening yet */
    }
    if (child.exitCode !== null) throw new Error('the server exited');
    if (Date.now() - started > 60_000) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * A minimal HTTP/1.1 client on raw keep-alive sockets (one request at a time per socket): the load
 * generator shares the 2 cores with the server and PostgreSQL, so it should cost as little as possible.
 * It writes each request as one string and reads only the status line and Content-Length (every answer
 * measured here has one). `node:http` cost ~0.17 ms of CPU per request; this, about a third of that.
 */
function httpClient(port: number, key: string) {
  const idle: Socket[] = [];
  const head = (method: string, path: string, length: number) =>
    `${method} /api/v1${path} HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\nauthorization: Bearer ${key}\r\n` +
    (length > 0 ? `content-type: application/json\r\ncontent-length: ${length}\r\n` : '') +
    '\r\n';
  const open = () =>
    new Promise<Socket>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port, noDelay: true }, () => resolve(socket));
      socket.once('error', reject);
    });
  return async (method: string, path: string, body?: string): Promise<number> => {
    const socket = idle.pop() ?? (await open());
    return new Promise<number>((resolve, reject) => {
      let buffered: Buffer = Buffer.alloc(0);
      let status = 0;
      let expected = -1; // bytes of the whole answer, once its head is in
      const onData = (chunk: Buffer) => {
        buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
        if (expected < 0) {
          const end = buffered.indexOf('\r\n\r\n');
          if (end < 0) return;
          const text = buffered.toString('latin1', 0, end);
          status = Number(text.slice(9, 12));
          const length = /\r\ncontent-length: *(\d+)/i.exec(text);
          expected = end + 4 + (length ? Number(length[1]) : 0);
        }
        if (buffered.length < expected) return;
        socket.off('data', onData);
        socket.off('error', onError);
        idle.push(socket);
        resolve(status);
      };
      const onError = (error: Error) => {
        socket.off('data', onData);
        reject(error);
      };
      socket.on('data', onData);
      socket.once('error', onError);
      const length = body ? Buffer.byteLength(body) : 0;
      socket.write(body ? head(method, path, length) + body : head(method, path, 0));
    });
  };
}

/** CPU milliseconds (user + system) used so far by a process, from /proc (Linux); 0 elsewhere. */
function cpuMs(pid: number | string): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 10 ms
  } catch {
    return 0;
  }
}

/** CPU used so far by the server, by every PostgreSQL process of this machine, and by this client. */
function cpuNow(server: number): { server: number; postgres: number; client: number } {
  let postgres = 0;
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('postgres')) postgres += cpuMs(pid);
      } catch {
        /* the process ended meanwhile */
      }
    }
  } catch {
    /* no /proc */
  }
  return { server: cpuMs(server), postgres, client: cpuMs(process.pid) };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const csvPath = join(tmpdir(), `cistern-bench-${process.pid}.csv`);
  let bytes = 0;
  if (!SEARCH_ONLY) {
    console.log(`generating ${ROWS.toLocaleString('en')} rows…`);
    bytes = await writeCsv(csvPath, ROWS);
    await recreateDatabase();
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/api/v1`;
  const server = await startServer(port);
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  try {
    // A tenant on the scale plan (no record cap), with operator limits high enough not to throttle the
    // bench; with BENCH_SEARCH_ONLY, the tenant that owns the previous run's collection.
    const tenantId = SEARCH_ONLY
      ? (await db.query<{ tenant_id: string }>(`SELECT tenant_id FROM collections WHERE name = 'catalog'`))
          .rows[0].tenant_id
      : (
          (await (
            await fetch(`${base}/portal/auth/signup`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({
                email: `bench-${Date.now()}@example.test`,
                password: 'benchmark-password',
              }),
            })
          ).json()) as { tenant: { tenant_id: string } }
        ).tenant.tenant_id;
    await db.query(
      `UPDATE tenants SET plan = 'scale', custom_requests_per_minute = 1000000, custom_search_per_minute = 1000000 WHERE id = $1`,
      [tenantId],
    );
    const key = generateApiKey('live');
    const { rows } = await db.query<{ id: string; project_id: string }>(
      `SELECT e.id, e.project_id FROM environments e JOIN projects p ON p.id = e.project_id
        WHERE p.tenant_id = $1 AND e.kind = 'live' LIMIT 1`,
      [tenantId],
    );
    await db.query(
      `INSERT INTO api_keys (tenant_id, project_id, environment_id, name, key_prefix, key_hash, scopes, created_by_type)
       VALUES ($1, $2, $3, 'bench', $4, $5, $6, 'system')`,
      [tenantId, rows[0].project_id, rows[0].id, keyPrefix(key), hashApiKey(SALT, key), ['admin']],
    );
    const headers = { authorization: `Bearer ${key}` };
    // The schema and the upload (skipped with BENCH_SEARCH_ONLY: the previous run's records are searched).
    const ingestLines: string[] = [];
    if (!SEARCH_ONLY) {
      const schema = await fetch(`${base}/schemas/catalog/part`, {
        method: 'PUT',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          fields: [
            { name: 'sku', type: 'string', required: true, searchable: true, filterable: true },
            { name: 'price', type: 'number', filterable: true },
            { name: 'stock', type: 'integer' },
            { name: 'in_stock', type: 'boolean', filterable: true },
            { name: 'category', type: 'string', filterable: true },
            { name: 'tags', type: 'string[]', searchable: true },
          ],
        }),
      });
      if (schema.status !== 200) throw new Error(`schema: ${schema.status}`);

      // Ingest: the whole upload, from the first byte sent until the upload is completed.
      const form = new FormData();
      form.append('file', await openAsBlob(csvPath, { type: 'text/csv' }), 'catalog.csv');
      const cpu0 = cpuNow(server.pid!);
      const t0 = performance.now();
      const accepted = await fetch(`${base}/upload/catalog/part/upload`, {
        method: 'POST',
        headers,
        body: form,
      });
      const t1 = performance.now();
      const answer = (await accepted.json()) as { upload_id: string; rows_received: number };
      if (accepted.status !== 202) throw new Error(`upload: ${accepted.status} ${JSON.stringify(answer)}`);
      let upload: { status: string; rows_indexed: number; rows_failed: number };
      for (;;) {
        upload = (await (
          await fetch(`${base}/uploads/${answer.upload_id}`, { headers })
        ).json()) as typeof upload;
        if (upload.status === 'completed' || upload.status === 'failed') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const t2 = performance.now();
      const cpu2 = cpuNow(server.pid!);
      const ingestCpu = (part: 'server' | 'postgres' | 'client') =>
        (((cpu2[part] - cpu0[part]) * 1000) / ROWS).toFixed(0);
      if (upload.status !== 'completed' || upload.rows_indexed !== ROWS) {
        throw new Error(`upload ended ${JSON.stringify(upload)}`);
      }
      const ingestSeconds = (t2 - t0) / 1000;
      const mb = (bytes / 1024 / 1024).toFixed(1);
      ingestLines.push(
        `| upload of ${ROWS.toLocaleString('en')} CSV rows (${mb} MiB), request to completed | ${ingestSeconds.toFixed(2)} s → **${Math.round(ROWS / ingestSeconds).toLocaleString('en')} rows/s** |`,
        `| of which receiving the file (answered 202) | ${((t1 - t0) / 1000).toFixed(2)} s |`,
        `| CPU per ingested row: server / PostgreSQL / this client | ${ingestCpu('server')} / ${ingestCpu('postgres')} / ${ingestCpu('client')} µs |`,
      );
    }

    // Search at concurrency N over a mix of what people type: mostly two words, some single broad
    // words, typos, filters. Two workloads: `fresh` never asks the same thing twice (every search misses
    // the result cache and runs in PostgreSQL), `repeated` cycles through 200 searches (after their
    // first run, answered from the cache as long as the collection does not change).
    const random = rng(7);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
    const seen = new Set<string>();
    let repeats = 0;
    const query = (): { kind: string; body: Record<string, unknown> } => {
      for (;;) {
        const roll = Math.floor(random() * 20);
        let kind: string;
        let body: Record<string, unknown>;
        if (roll < 4) {
          // A broad word, on one of its first pages.
          kind = 'one broad word';
          body = { query: pick(NOUNS), offset: 10 * Math.floor(random() * 8) };
        } else if (roll < 10) {
          kind = 'two words';
          body = { query: `${pick(MATERIALS)} ${pick(NOUNS)}` };
        } else if (roll < 14) {
          kind = 'two words + filter';
          body = { query: `${pick(ADJECTIVES)} ${pick(NOUNS)}`, filters: { in_stock: random() < 0.7 } };
        } else if (roll < 17) {
          const noun = pick(NOUNS.filter((n) => n.length >= 5));
          const at = 1 + Math.floor(random() * (noun.length - 2));
          kind = 'typo (fuzzy)';
          body = { query: noun.slice(0, at) + noun.slice(at + 1), limit: 5 + Math.floor(random() * 11) };
        } else {
          const low = Math.floor(random() * 300);
          kind = 'one word + range filter';
          body = {
            query: pick(NOUNS),
            filters: { price: { gte: low, lte: low + 20 + Math.floor(random() * 200) } },
            limit: 20,
          };
        }
        if (ONLY_KIND && kind !== ONLY_KIND) continue;
        const text = JSON.stringify(body);
        // A kind alone may have fewer distinct searches than asked for: then some repeat.
        if (seen.has(text) && !(ONLY_KIND && ++repeats > 100_000)) continue;
        seen.add(text);
        return { kind, body };
      }
    };
    const fresh = Array.from({ length: SEARCHES + 200 }, query); // 200 for the warm-up
    const solo = Array.from({ length: Math.min(400, SEARCHES) }, query);
    const repeated = Array.from({ length: 200 }, query);
    const runSearches = async (
      queries: { kind: string; body: Record<string, unknown> }[],
      count: number,
      concurrency = CONCURRENCY,
    ) => {
      const latencies: number[] = [];
      const byKind = new Map<string, number[]>();
      let next = 0;
      let failures = 0;
      const worker = async () => {
        while (next < count) {
          const { kind, body } = queries[next++ % queries.length];
          const s = performance.now();
          const status = await http('POST', '/search/catalog', JSON.stringify(body));
          const ms = performance.now() - s;
          latencies.push(ms);
          byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
          if (status !== 200) failures++;
        }
      };
      const start = performance.now();
      const cpuBefore = cpuNow(server.pid!);
      await Promise.all(Array.from({ length: concurrency }, worker));
      const cpuAfter = cpuNow(server.pid!);
      const cpu = (part: 'server' | 'postgres' | 'client') => (cpuAfter[part] - cpuBefore[part]) / count;
      for (const list of byKind.values()) list.sort((a, b) => a - b);
      return {
        latencies: latencies.sort((a, b) => a - b),
        byKind,
        seconds: (performance.now() - start) / 1000,
        failures,
        cpu: `${cpu('server').toFixed(2)} / ${cpu('postgres').toFixed(2)} / ${cpu('client').toFixed(2)} ms`,
      };
    };
    const http = httpClient(port, key);
    // The floor of this machine: an authenticated request that does nothing (one key lookup), same load.
    const baseline: number[] = [];
    let sent = 0;
    const baselineCpuBefore = cpuNow(server.pid!);
    const ping = async () => {
      while (sent++ < SEARCHES) {
        const s = performance.now();
        await http('GET', '/auth/whoami');
        baseline.push(performance.now() - s);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, ping));
    const baselineCpuAfter = cpuNow(server.pid!);
    const baselineCpu = (part: 'server' | 'postgres' | 'client') =>
      ((baselineCpuAfter[part] - baselineCpuBefore[part]) / SEARCHES).toFixed(2);
    baseline.sort((a, b) => a - b);
    await runSearches(fresh.slice(SEARCHES), 200); // warm-up (JIT, prepared statements)
    const { latencies, byKind, seconds, failures, cpu } = await runSearches(fresh, SEARCHES);
    // The same searches again and again.
    await runSearches(repeated, repeated.length);
    const again = await runSearches(repeated, SEARCHES);
    // Without queueing: one search at a time (fresh searches).
    const single = await runSearches(solo, solo.length, 1);

    const lines = [
      '',
      `| measure | result |`,
      `|---|---|`,
      ...ingestLines,
      `| fresh searches (never repeated: no cache hits) at concurrency ${CONCURRENCY} over ${ROWS.toLocaleString('en')} records | ${SEARCHES} in ${seconds.toFixed(1)} s (${Math.round(SEARCHES / seconds)} req/s), ${failures} errors |`,
      `| CPU per fresh search: server / PostgreSQL / this client | ${cpu} |`,
      `| fresh search latency p50 / p95 / p99 | ${percentile(latencies, 50).toFixed(1)} / **${percentile(latencies, 95).toFixed(1)}** / ${percentile(latencies, 99).toFixed(1)} ms |`,
      ...[...byKind.entries()].map(
        ([kind, list]) =>
          `| — ${kind} (${Math.round((100 * list.length) / SEARCHES)}% of searches) p50 / p95 | ${percentile(list, 50).toFixed(1)} / ${percentile(list, 95).toFixed(1)} ms |`,
      ),
      `| fresh searches one at a time (no queueing), p50 / p95 / p99 | ${percentile(single.latencies, 50).toFixed(1)} / ${percentile(single.latencies, 95).toFixed(1)} / ${percentile(single.latencies, 99).toFixed(1)} ms |`,
      `| repeated searches (200 distinct, cached after their first run) at concurrency ${CONCURRENCY} | ${SEARCHES} in ${again.seconds.toFixed(1)} s (${Math.round(SEARCHES / again.seconds)} req/s), ${again.failures} errors |`,
      `| CPU per repeated search: server / PostgreSQL / this client | ${again.cpu} |`,
      `| repeated search latency p50 / p95 / p99 | ${percentile(again.latencies, 50).toFixed(1)} / **${percentile(again.latencies, 95).toFixed(1)}** / ${percentile(again.latencies, 99).toFixed(1)} ms |`,
      `| baseline: \`GET /auth/whoami\` (no work beyond the key lookup) at concurrency ${CONCURRENCY}, p50 / p95 | ${percentile(baseline, 50).toFixed(1)} / ${percentile(baseline, 95).toFixed(1)} ms |`,
      `| CPU per \`GET /auth/whoami\`: server / PostgreSQL / this client | ${baselineCpu('server')} / ${baselineCpu('postgres')} / ${baselineCpu('client')} ms |`,
      '',
    ];
    console.log(lines.join('\n'));
  } finally {
    await db.end().catch(() => undefined);
    server.kill('SIGTERM');
    await once(server, 'exit').catch(() => undefined);
    rmSync(csvPath, { force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
