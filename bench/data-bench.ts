/**
 * `npm run bench:data`: the data benchmark (issues 4 and 16). Starts a server on its own PostgreSQL
 * database (recreated each run: BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/cistern_bench),
 * uploads a generated 100,000-row CSV through the API and times it until the upload is completed, then
 * measures searches against `GET /auth/whoami` in the same minutes: per workload, the CPU per request
 * of the server and of the database's PostgreSQL processes, their ratio, p95 right after the upload and
 * once settled, one at a time, and the same statements replayed straight through `pg`.
 *
 * Environment: BENCH_ROWS (100000), BENCH_PHASE (requests per measured phase, 800), BENCH_CONCURRENCY
 * (10), BENCH_ROUNDS (settled rounds per workload, 2), BENCH_WORKLOADS (comma list, default all),
 * BENCH_SEARCH_ONLY, BENCH_CPU_PROF, BENCH_SERVER, BENCH_LOG_LEVEL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, openAsBlob, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { generateApiKey, hashApiKey, keyPrefix } from '../src/api-keys/api-key-format.js';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/cistern_bench';
const DATABASE = new URL(DATABASE_URL).pathname.slice(1);
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const PHASE = Number(process.env.BENCH_PHASE ?? 800);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
/** BENCH_SEARCH_ONLY=1: no upload; search the records left in the database by the previous run. */
const SEARCH_ONLY = process.env.BENCH_SEARCH_ONLY === '1';
/** BENCH_SERVER: the server's entry point (default dist/src/main.js), e.g. a copy of another build to compare. */
const SERVER = process.env.BENCH_SERVER ?? 'dist/src/main.js';
/** The build the server comes from: its search statements are the ones replayed straight through `pg`. */
const SERVER_DIST = resolve(dirname(SERVER), '..');
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
  if (!/^[a-z0-9_]+$/.test(DATABASE)) throw new Error(`unexpected database name ${DATABASE}`);
  const admin = new pg.Client({
    connectionString: Object.assign(new URL(DATABASE_URL), { pathname: '/postgres' }).href,
  });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
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
  return async (method: string, path: string, body?: string): Promise<{ status: number; body: Buffer }> => {
    const socket = idle.pop() ?? (await open());
    return new Promise((resolve, reject) => {
      let buffered: Buffer = Buffer.alloc(0);
      let status = 0;
      let start = -1; // offset of the body, once the head is in
      let expected = -1; // bytes of the whole answer
      const onData = (chunk: Buffer) => {
        buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
        if (expected < 0) {
          const end = buffered.indexOf('\r\n\r\n');
          if (end < 0) return;
          const text = buffered.toString('latin1', 0, end);
          status = Number(text.slice(9, 12));
          const length = /\r\ncontent-length: *(\d+)/i.exec(text);
          start = end + 4;
          expected = start + (length ? Number(length[1]) : 0);
        }
        if (buffered.length < expected) return;
        socket.off('data', onData);
        socket.off('error', onError);
        idle.push(socket);
        resolve({ status, body: buffered.subarray(start, expected) });
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

/** CPU milliseconds (user + system) used so far by a process, from /proc (Linux); undefined once gone. */
function cpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 10 ms
  } catch {
    return undefined;
  }
}

/**
 * CPU of the PostgreSQL processes working for the bench database: its backends (the server's pool) and
 * autovacuum workers, found in pg_stat_activity every 250 ms. Other databases' processes on the same
 * PostgreSQL (other people's work on this shared machine) and the shared background processes
 * (checkpointer, WAL writer) are not counted. A process that ends between two looks loses its last
 * quarter second.
 */
class DatabaseCpu {
  private readonly seen = new Map<number, { base: number; last: number }>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: pg.Client,
    private readonly exclude: number[],
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.polling = this.poll();
    }, 250);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async poll(): Promise<void> {
    const { rows } = await this.client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [DATABASE],
    );
    for (const { pid } of rows) {
      if (this.exclude.includes(pid)) continue;
      const now = cpuMs(pid);
      if (now === undefined) continue;
      const known = this.seen.get(pid);
      // A process first seen now started since the last look: all its CPU is new.
      if (known) known.last = now;
      else this.seen.set(pid, { base: 0, last: now });
    }
  }

  /** CPU used since the last `mark` (all processes seen meanwhile), then marks again. */
  async mark(): Promise<number> {
    await this.polling;
    await this.poll();
    let used = 0;
    for (const [pid, entry] of this.seen) {
      const now = cpuMs(pid);
      if (now !== undefined) entry.last = now;
      used += entry.last - entry.base;
      entry.base = entry.last;
      if (now === undefined) this.seen.delete(pid);
    }
    return used;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

/** A search as the benchmark sends it. */
interface SearchRequest {
  kind: string;
  body: { query: string; limit?: number; offset?: number; filters?: Record<string, unknown> };
}

const SINGLE_MATERIALS = MATERIALS.filter((m) => !m.includes(' '));
const SINGLE_ADJECTIVES = ADJECTIVES.filter((a) => !a.includes(' '));

/**
 * The workloads, each an endless supply of searches never asked before in this run (every one misses
 * the result cache and runs in PostgreSQL):
 * - `two words`: two common words, each matching thousands of the records (a material or an adjective,
 *   and a part: `steel bearing`, `sealed pump`), in either order;
 * - `one broad word`: one of those words alone, on one of its first ten pages;
 * - `mix`: what people type (issue 4's mix): two words, two words + a filter, a broad word, a
 *   misspelled word (fuzzy), a word + a price range.
 */
function workloads(): Map<string, () => SearchRequest> {
  const random = rng(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const seen = new Set<string>();
  const distinct = (make: () => SearchRequest) => (): SearchRequest => {
    for (let tries = 0; ; tries++) {
      const request = make();
      const text = JSON.stringify(request.body);
      if (seen.has(text) && tries < 10_000) continue;
      seen.add(text);
      return request;
    }
  };
  const firstWords = [...SINGLE_MATERIALS, ...SINGLE_ADJECTIVES];
  const broadWords = [...NOUNS.filter((n) => !n.includes('-')), ...firstWords];
  return new Map([
    [
      'two words',
      distinct(() => {
        const [a, b] = [pick(firstWords), pick(NOUNS.filter((n) => !n.includes('-')))];
        return { kind: 'two words', body: { query: random() < 0.5 ? `${a} ${b}` : `${b} ${a}` } };
      }),
    ],
    [
      'one broad word',
      distinct(() => ({
        kind: 'one broad word',
        body: { query: pick(broadWords), offset: 10 * Math.floor(random() * 10) },
      })),
    ],
    [
      'mix',
      distinct(() => {
        const roll = Math.floor(random() * 20);
        if (roll < 4) {
          return {
            kind: 'one broad word',
            body: { query: pick(NOUNS), offset: 10 * Math.floor(random() * 8) },
          };
        }
        if (roll < 10) return { kind: 'two words', body: { query: `${pick(MATERIALS)} ${pick(NOUNS)}` } };
        if (roll < 14) {
          return {
            kind: 'two words + filter',
            body: { query: `${pick(ADJECTIVES)} ${pick(NOUNS)}`, filters: { in_stock: random() < 0.7 } },
          };
        }
        if (roll < 17) {
          const noun = pick(NOUNS.filter((n) => n.length >= 5));
          const at = 1 + Math.floor(random() * (noun.length - 2));
          return {
            kind: 'typo (fuzzy)',
            body: { query: noun.slice(0, at) + noun.slice(at + 1), limit: 5 + Math.floor(random() * 11) },
          };
        }
        const low = Math.floor(random() * 300);
        return {
          kind: 'one word + range filter',
          body: {
            query: pick(NOUNS),
            filters: { price: { gte: low, lte: low + 20 + Math.floor(random() * 200) } },
            limit: 20,
          },
        };
      }),
    ],
  ]);
}

/** What one phase measured: latencies and CPU per request. */
interface Phase {
  count: number;
  seconds: number;
  failures: number;
  latencies: number[];
  /** CPU per request, ms: the server, the database's PostgreSQL processes, this client. */
  server: number;
  postgres: number;
  client: number;
  /** Of the searches: how many answered `total_relation: "gte"`, and the mean `total`. */
  gte: number;
  totals: number[];
}

const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);

/**
 * The search statements the build under test sends for these requests (its SearchRepository, given a
 * data source that records instead of querying), to replay them straight through `pg`.
 */
async function statementsOf(
  requests: SearchRequest[],
  tenantId: string,
): Promise<{ name: string; text: string; values: unknown[] }[]> {
  const load = (path: string) => import(pathToFileURL(join(SERVER_DIST, path)).href);
  // Two shapes: before issue 17, `new SearchRepository(dataSource, config)` and `search(q)` with
  // `q.tenantId`; since, `new SearchRepository(config)` and `search(db, tenant, q)`.
  const { SearchRepository } = (await load('src/collections/search.repository.js')) as {
    SearchRepository: new (...args: unknown[]) => {
      search(...args: unknown[]): Promise<unknown>;
    };
  };
  const { queryTerms } = (await load('src/collections/schema/words.js')) as {
    queryTerms: (q: string) => string[];
  };
  const sent: { name: string; text: string; values: unknown[] }[] = [];
  const recorder = {
    driver: {
      master: {
        query: (statement: { name: string; text: string; values: unknown[] }) => {
          sent.push(statement);
          return Promise.resolve({ rows: [] });
        },
      },
    },
  };
  const config = { SEARCH_CONCURRENCY: 1000, SEARCH_EXACT_TOTAL_LIMIT: 1000 };
  const executorFirst = SearchRepository.length < 2;
  const repo = executorFirst ? new SearchRepository(config) : new SearchRepository(recorder, config);
  for (const { body } of requests) {
    const q = {
      tenantId,
      collection: 'catalog',
      query: body.query,
      fuzzyTerms: queryTerms(body.query),
      limit: body.limit ?? 10,
      offset: body.offset ?? 0,
      filters: [],
      exactTotal: false,
    };
    await (executorFirst ? repo.search(recorder, tenantId, q) : repo.search(q));
  }
  return sent;
}

async function main(): Promise<void> {
  const load0 = loadAverage();
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
  const sampler = new pg.Client({ connectionString: DATABASE_URL });
  await sampler.connect();
  const dbPid = (await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  const databaseCpu = new DatabaseCpu(sampler, [dbPid]);
  const lines: string[] = [];
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
    databaseCpu.start();
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
      const server0 = cpuMs(server.pid!)!;
      await databaseCpu.mark();
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
      const serverIngest = cpuMs(server.pid!)! - server0;
      const postgresIngest = await databaseCpu.mark();
      if (upload.status !== 'completed' || upload.rows_indexed !== ROWS) {
        throw new Error(`upload ended ${JSON.stringify(upload)}`);
      }
      const seconds = (t2 - t0) / 1000;
      lines.push(
        '',
        '| upload | result |',
        '|---|---|',
        `| ${ROWS.toLocaleString('en')} CSV rows (${(bytes / 1024 / 1024).toFixed(1)} MiB), request to completed | ${seconds.toFixed(2)} s → **${Math.round(ROWS / seconds).toLocaleString('en')} rows/s** (receiving the file: ${((t1 - t0) / 1000).toFixed(2)} s) |`,
        `| CPU per ingested row: server / PostgreSQL (this database) | ${((serverIngest * 1000) / ROWS).toFixed(0)} / ${((postgresIngest * 1000) / ROWS).toFixed(0)} µs |`,
      );
    }

    const http = httpClient(port, key);
    /** Runs `count` requests from `next` at `concurrency` and measures them. */
    const phase = async (
      next: () => { method: string; path: string; body?: string },
      count: number,
      concurrency = CONCURRENCY,
    ): Promise<Phase> => {
      const latencies: number[] = [];
      const totals: number[] = [];
      let failures = 0;
      let gte = 0;
      let started = 0;
      const worker = async () => {
        while (started++ < count) {
          const request = next();
          const s = performance.now();
          const answer = await http(request.method, request.path, request.body);
          latencies.push(performance.now() - s);
          if (answer.status !== 200) failures++;
          if (request.body) {
            const tail = answer.body.toString('latin1', Math.max(0, answer.body.length - 120));
            const total = /"total":(\d+)/.exec(tail);
            if (total) totals.push(Number(total[1]));
            if (tail.includes('"total_relation":"gte"')) gte++;
          }
        }
      };
      await databaseCpu.mark();
      const server0 = cpuMs(server.pid!)!;
      const client0 = process.cpuUsage();
      const t0 = performance.now();
      await Promise.all(Array.from({ length: concurrency }, worker));
      const seconds = (performance.now() - t0) / 1000;
      const client = process.cpuUsage(client0);
      const serverCpu = cpuMs(server.pid!)! - server0;
      const postgres = await databaseCpu.mark();
      return {
        count,
        seconds,
        failures,
        latencies: latencies.sort((a, b) => a - b),
        server: serverCpu / count,
        postgres: postgres / count,
        client: (client.user + client.system) / 1000 / count,
        gte,
        totals,
      };
    };
    const whoami = () => ({ method: 'GET', path: '/auth/whoami' });
    const searchOf = (make: () => SearchRequest, log?: SearchRequest[]) => () => {
      const request = make();
      log?.push(request);
      return { method: 'POST', path: '/search/catalog', body: JSON.stringify(request.body) };
    };
    const merge = (phases: Phase[]): Phase => ({
      count: sum(phases.map((p) => p.count)),
      seconds: sum(phases.map((p) => p.seconds)),
      failures: sum(phases.map((p) => p.failures)),
      latencies: phases.flatMap((p) => p.latencies).sort((a, b) => a - b),
      server: sum(phases.map((p) => p.server * p.count)) / sum(phases.map((p) => p.count)),
      postgres: sum(phases.map((p) => p.postgres * p.count)) / sum(phases.map((p) => p.count)),
      client: sum(phases.map((p) => p.client * p.count)) / sum(phases.map((p) => p.count)),
      gte: sum(phases.map((p) => p.gte)),
      totals: phases.flatMap((p) => p.totals),
    });
    const generators = workloads();
    const selected = (process.env.BENCH_WORKLOADS ?? [...generators.keys()].join(','))
      .split(',')
      .map((w) => w.trim());
    const twoWords = generators.get('two words')!;

    // Right after the upload: two-word searches and whoami, alternated (a short warm-up first: JIT,
    // prepared statements).
    await phase(whoami, 100);
    await phase(searchOf(twoWords), 100);
    const fresh: { search: Phase[]; whoami: Phase[] } = { search: [], whoami: [] };
    for (let round = 0; round < 2; round++) {
      fresh.whoami.push(await phase(whoami, PHASE / 2));
      fresh.search.push(await phase(searchOf(twoWords), PHASE / 2));
    }
    const afterUpload = { search: merge(fresh.search), whoami: merge(fresh.whoami) };

    // Settled: what autovacuum would do after a bulk load, done now, then quiet.
    const settle0 = performance.now();
    await db.query('VACUUM ANALYZE records');
    for (let quiet = 0; quiet < 8;) {
      const { rows: busy } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = $1 AND pid <> pg_backend_pid() AND state = 'active' AND backend_type <> 'client backend'`,
        [DATABASE],
      );
      quiet = busy[0].n === 0 ? quiet + 1 : 0;
      await new Promise((r) => setTimeout(r, 250));
    }
    const settleSeconds = (performance.now() - settle0) / 1000;

    const results: string[] = [];
    for (const name of selected) {
      const make = generators.get(name);
      if (!make) throw new Error(`unknown workload ${name}`);
      await phase(searchOf(make), 50); // warm-up of this workload's statements
      const searches: Phase[] = [];
      const whoamis: Phase[] = [];
      const asked: SearchRequest[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        whoamis.push(await phase(whoami, PHASE));
        searches.push(await phase(searchOf(make, round === 0 ? asked : undefined), PHASE));
      }
      const search = merge(searches);
      const who = merge(whoamis);
      const solo = await phase(searchOf(make), Math.min(300, PHASE), 1);
      const searchCpu = search.server + search.postgres;
      const whoamiCpu = who.server + who.postgres;
      const p = (list: number[], q: number) => percentile(list, q).toFixed(1);
      results.push(
        '',
        `**${name}** (${search.count} searches in ${ROUNDS} rounds alternated with as many whoamis, concurrency ${CONCURRENCY}, settled)`,
        '',
        '| measure | search | whoami |',
        '|---|---|---|',
        `| CPU per request: server + PostgreSQL | ${search.server.toFixed(2)} + ${search.postgres.toFixed(2)} = **${searchCpu.toFixed(2)} ms** | ${who.server.toFixed(2)} + ${who.postgres.toFixed(2)} = ${whoamiCpu.toFixed(2)} ms |`,
        `| **search / whoami, by CPU** | **${(searchCpu / whoamiCpu).toFixed(1)}** | |`,
        `| throughput, p50 / p95 / p99 | ${Math.round(search.count / search.seconds)} req/s, ${p(search.latencies, 50)} / **${p(search.latencies, 95)}** / ${p(search.latencies, 99)} ms | ${Math.round(who.count / who.seconds)} req/s, ${p(who.latencies, 50)} / ${p(who.latencies, 95)} / ${p(who.latencies, 99)} ms |`,
        `| one at a time, p50 / p95 | ${p(solo.latencies, 50)} / ${p(solo.latencies, 95)} ms | |`,
        `| totals: \`gte\` answers, mean total | ${search.gte} of ${search.totals.length}, ${(sum(search.totals) / Math.max(1, search.totals.length)).toFixed(0)} | |`,
        `| errors | ${search.failures} | ${who.failures} |`,
      );
      if (name !== 'mix') {
        // The same statements straight through `pg`, at the same concurrency, on as many connections as
        // the server's pool: what the HTTP path adds.
        const statements = await statementsOf(asked, tenantId);
        const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });
        await Promise.all(statements.slice(0, 20).map((s) => pool.query(s)));
        let next = 0;
        const latencies: number[] = [];
        await databaseCpu.mark();
        const client0 = process.cpuUsage();
        const t0 = performance.now();
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            while (next < statements.length) {
              const statement = statements[next++];
              const s = performance.now();
              await pool.query(statement);
              latencies.push(performance.now() - s);
            }
          }),
        );
        const seconds = (performance.now() - t0) / 1000;
        const client = process.cpuUsage(client0);
        const postgres = (await databaseCpu.mark()) / statements.length;
        await pool.end();
        latencies.sort((a, b) => a - b);
        const clientMs = (client.user + client.system) / 1000 / statements.length;
        results.push(
          `| the same ${statements.length} statements straight through \`pg\`: CPU per statement PostgreSQL + driver | ${postgres.toFixed(2)} + ${clientMs.toFixed(2)} = ${(postgres + clientMs).toFixed(2)} ms; ${Math.round(statements.length / seconds)} req/s, p95 ${p(latencies, 95)} ms | |`,
          `| HTTP search / direct statement, by CPU | ${(searchCpu / (postgres + clientMs)).toFixed(2)} | |`,
        );
      }
    }

    // The result cache: 200 searches asked over and over.
    const mix = generators.get('mix')!;
    const repeated = Array.from({ length: 200 }, mix);
    let at = 0;
    const again = () => ({
      method: 'POST',
      path: '/search/catalog',
      body: JSON.stringify(repeated[at++ % repeated.length].body),
    });
    await phase(again, repeated.length);
    const cached = await phase(again, PHASE);

    const a = afterUpload;
    lines.push(
      '',
      `Right after the upload (two words; ${a.search.count} searches and as many whoamis alternated, concurrency ${CONCURRENCY}):`,
      '',
      '| measure | search | whoami |',
      '|---|---|---|',
      `| CPU per request: server + PostgreSQL | ${a.search.server.toFixed(2)} + ${a.search.postgres.toFixed(2)} ms | ${a.whoami.server.toFixed(2)} + ${a.whoami.postgres.toFixed(2)} ms |`,
      `| p50 / p95 | ${percentile(a.search.latencies, 50).toFixed(1)} / **${percentile(a.search.latencies, 95).toFixed(1)}** ms | ${percentile(a.whoami.latencies, 50).toFixed(1)} / ${percentile(a.whoami.latencies, 95).toFixed(1)} ms |`,
      '',
      `Settling (VACUUM ANALYZE, then no background work on the database for 2 s): ${settleSeconds.toFixed(1)} s.`,
      ...results,
      '',
      `Repeated searches (200 distinct, answered from the result cache): CPU per request ${cached.server.toFixed(2)} + ${cached.postgres.toFixed(2)} ms, p50 / p95 ${percentile(cached.latencies, 50).toFixed(1)} / ${percentile(cached.latencies, 95).toFixed(1)} ms, ${cached.failures} errors.`,
      '',
      `Load average (1, 5, 15 min) at the start: ${load0}; at the end: ${loadAverage()}.`,
      '',
    );
    console.log(lines.join('\n'));
  } finally {
    databaseCpu.stop();
    await db.end().catch(() => undefined);
    await sampler.end().catch(() => undefined);
    server.kill('SIGTERM');
    await once(server, 'exit').catch(() => undefined);
    rmSync(csvPath, { force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
