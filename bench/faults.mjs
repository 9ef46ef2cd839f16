// npm run bench:faults — two instances on one PostgreSQL and one Redis under a mixed load, with faults,
// then a count of what survived (issue 19). Exits 1 on any loss.
//
// Load (for FAULT_DURATION seconds, default 180), spread over both instances round-robin:
//   searches of a free-plan tenant (exact monthly quota counter) and of a pro-plan tenant (buffered counter),
//   API key creation + revocation, uploads in the three modes (append, upsert, replace), team invitations.
// Faults, in this order:
//   1. SIGKILL instance A while an upload is being processed, restart it 5 s later;
//   2. Redis unreachable for 20 s (a TCP proxy in front of the shared Redis is cut: the real server is
//      never touched, other engineers use it);
//   3. PostgreSQL unreachable: FAULT_PG=proxy (default) cuts a TCP proxy in front of it for 8 s (every
//      connection dropped, new ones refused: what the instances see of a restart, without disturbing other
//      users of the shared server); FAULT_PG=restart restarts the real cluster with
//      `pg_ctlcluster --skip-systemctl-redirect 15 main restart` (only where nobody else uses it).
// Afterwards it settles (uploads finish, deliveries drain, counters flush on SIGTERM) and counts.
import { execFileSync, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import net from 'node:net';
import pg from 'pg';

const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS = { host: '127.0.0.1', port: Number(process.env.FAULT_REDIS_PORT ?? 6379) };
const PG = { host: '127.0.0.1', port: 5432 };
const DURATION_S = Number(process.env.FAULT_DURATION ?? 180);
const PG_MODE = process.env.FAULT_PG ?? 'proxy';
const UPLOAD_ROWS = Number(process.env.FAULT_UPLOAD_ROWS ?? 10000);
const SECRETS = {
  JWT_SECRET: 'faults-jwt-secret-0123456789abcdef0123456789',
  API_KEY_SALT: 'faults-api-key-salt-0123456789abcdef0123',
};
const METRICS_TOKEN = 'faults-metrics-token-0123456789';
/** The metering buffer is written every 2 s (src/usage/metering.service.ts): what a SIGKILL may lose. */
const FLUSH_INTERVAL_MS = 2000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();
const T0 = now();
const elapsed = () => ((now() - T0) / 1000).toFixed(1).padStart(6);
const log = (...args) => console.log(`[${elapsed()} s]`, ...args);

// ---------------------------------------------------------------- plumbing
class TcpProxy {
  constructor(target) {
    this.target = target;
    this.sockets = new Set();
    this.server = null;
    this.port = 0;
  }
  async start(port = 0) {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.port = this.server.address().port;
    return this.port;
  }
  async cut() {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await new Promise((resolve) => this.server.close(() => resolve()));
  }
  restore() {
    return this.start(this.port);
  }
}

async function admin(sql, params = []) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const stamp = Date.now();
const dbName = `cistern_faults_${stamp}`;
const directDbUrl = `${ADMIN_URL.replace(/\/[^/]*$/, '')}/${dbName}`;
async function db(sql, params = []) {
  const client = new pg.Client({ connectionString: directDbUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const basePort = 19000 + (stamp % 500) * 2;
const instances = {
  A: { name: 'A', port: basePort, child: null, up: false, killedAt: null, restartedAt: null },
  B: { name: 'B', port: basePort + 1, child: null, up: false },
};
let pgProxy = null;
let redisProxy = null;
let dbUrlForInstances = directDbUrl;

function start(instance) {
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: {
      ...process.env,
      ...SECRETS,
      NODE_ENV: 'production',
      PORT: String(instance.port),
      HOST: '127.0.0.1',
      DATABASE_URL: dbUrlForInstances,
      REDIS_URL: `redis://127.0.0.1:${redisProxy.port}`,
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_RETRY_BASE_SECONDS: '1',
      METRICS_TOKEN,
      LOG_LEVEL: process.env.FAULT_LOG_LEVEL ?? 'error',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  instance.child = child;
  child.on('exit', () => {
    if (instance.child === child) instance.up = false;
  });
  return child;
}

async function waitHealthy(instance, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${instance.port}/api/v1/health`)).ok) {
        instance.up = true;
        return;
      }
    } catch {}
    await sleep(200);
  }
  throw new Error(`instance ${instance.name} did not become healthy`);
}

// ---------------------------------------------------------------- accounting
/** Every answer, by kind: 2xx, 4xx, 5xx by code, transport errors (connection refused/reset). */
const answers = new Map();
const fiveHundreds = [];
const outage = { pg: null, redis: null, kill: null };
function count(kind, instance, result) {
  const key = `${kind}`;
  let c = answers.get(key);
  if (!c) answers.set(key, (c = { ok: 0, client: 0, server: 0, transport: 0 }));
  if (result.transport) c.transport++;
  else if (result.status >= 500) {
    c.server++;
    fiveHundreds.push({ at: (now() - T0) / 1000, kind, instance: instance.name, status: result.status, error: result.body?.error });
  } else if (result.status >= 400) c.client++;
  else c.ok++;
}

async function request(instance, method, path, { key, token, body, form } = {}, kind = 'other') {
  const headers = {};
  if (key) headers['x-api-key'] = key;
  if (token) headers.authorization = `Bearer ${token}`;
  let payload;
  if (form) payload = form;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const at = (now() - T0) / 1000;
  try {
    const res = await fetch(`http://127.0.0.1:${instance.port}/api/v1${path}`, {
      method,
      headers,
      body: payload,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    let parsed;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {}
    const result = { status: res.status, body: parsed, at };
    count(kind, instance, result);
    return result;
  } catch (error) {
    const result = { status: 0, transport: true, error: String(error?.cause?.code ?? error?.name ?? error), at };
    count(kind, instance, result);
    return result;
  }
}

let rr = 0;
/** Round-robin over the instances (a dead one answers with transport errors, which are counted). */
const pick = () => (rr++ % 2 === 0 ? instances.A : instances.B);

// ---------------------------------------------------------------- webhook receiver
const received = new Map(); // webhook-id -> { count, event, validSignature }
let tenantSecret = null;
const receiver = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const id = String(req.headers['webhook-id']);
    const ts = String(req.headers['webhook-timestamp']);
    const key = Buffer.from(String(tenantSecret).replace(/^whsec_/, ''), 'base64');
    const expected = `v1,${createHmac('sha256', key).update(`${id}.${ts}.${body}`).digest('base64')}`;
    const valid = String(req.headers['webhook-signature']).split(' ').includes(expected);
    const known = received.get(id);
    if (known) known.count++;
    else received.set(id, { count: 1, event: JSON.parse(body), valid });
    res.statusCode = 204;
    res.end();
  });
});

// ---------------------------------------------------------------- scenario
const csv = (rows) => 'name,description,external_id\n' + rows.map((r) => `${r.name},${r.description},${r.external_id}`).join('\n') + '\n';
const rowsOf = (n, prefix, tag) => Array.from({ length: n }, (_, i) => ({ name: `${prefix} item ${i}`, description: `${tag} ${i}`, external_id: `${prefix}-${i}` }));

async function upload(instance, key, recordType, content, mode) {
  const form = new FormData();
  form.append('mode', mode);
  form.append('file', new Blob([content], { type: 'text/csv' }), `${recordType}.csv`);
  return request(instance, 'POST', `/upload/faults/${recordType}/upload`, { key, form }, 'upload');
}

const expected = []; // { recordType, rows, externalIds: bool, descriptionTag }
const uploadIds = []; // { id, recordType, mode }
const revokedKeys = [];
const searchesOk = { free: 0, pro: 0, proByA: [] };
let stopLoad = false;

async function main() {
  log(`database ${dbName}; PostgreSQL fault mode: ${PG_MODE}; load ${DURATION_S} s; uploads of ${UPLOAD_ROWS} rows`);
  const loadBefore = readFileSync('/proc/loadavg', 'utf8').trim();
  await admin(`CREATE DATABASE ${dbName}`);
  redisProxy = new TcpProxy(REDIS);
  await redisProxy.start();
  if (PG_MODE === 'proxy') {
    pgProxy = new TcpProxy(PG);
    await pgProxy.start();
    dbUrlForInstances = directDbUrl.replace(':5432/', `:${pgProxy.port}/`);
  }
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hookUrl = `http://127.0.0.1:${receiver.address().port}/hooks`;

  start(instances.A);
  await waitHealthy(instances.A); // migrations run once, on A
  start(instances.B);
  await waitHealthy(instances.B);
  log('both instances healthy');

  // Two tenants: "pro" on the scale plan (uploads, keys, team, webhooks, buffered search counter) and free
  // (exact search quota).
  const signup = async (tag) =>
    (await request(instances.A, 'POST', '/portal/auth/signup', { body: { email: `faults-${tag}-${stamp}@example.test`, password: 'fault run password', company: `Faults ${tag}` } })).body;
  const pro = await signup('pro');
  const free = await signup('free');
  const cli = (...args) =>
    execFileSync(process.execPath, ['dist/src/cli/main.js', ...args], { env: { ...process.env, ...SECRETS, DATABASE_URL: directDbUrl, LOG_LEVEL: 'warn' }, stdio: 'ignore' });
  // scale: no record cap (the uploads add up), searches metered through the buffered counter.
  cli('tenants', 'set-plan', pro.tenant.tenant_id, 'scale');
  for (const t of [pro, free]) cli('tenants', 'set-limits', t.tenant.tenant_id, '--requests-per-minute', '1000000', '--search-per-minute', '1000000');
  const keyOf = async (account) =>
    (await request(instances.A, 'POST', '/portal/keys', { token: account.access_token, body: { name: 'faults', scopes: ['admin'] } })).body.key;
  const proKey = await keyOf(pro);
  const freeKey = await keyOf(free);
  tenantSecret = (await request(instances.A, 'GET', '/settings/webhooks', { token: pro.access_token })).body.signing_secret;
  const endpoint = await request(instances.A, 'POST', '/settings/webhooks/endpoints', { token: pro.access_token, body: { url: hookUrl, events: ['upload.completed', 'upload.failed'] } });
  if (endpoint.status !== 201) throw new Error(`endpoint: ${endpoint.status} ${JSON.stringify(endpoint.body)}`);
  for (const [key, tag] of [[proKey, 'pro'], [freeKey, 'free']]) {
    await request(instances.A, 'PUT', '/schemas/faults/seed', { key, body: { fields: [{ name: 'color', type: 'string', searchable: true }] } });
    const seed = await upload(instances.A, key, 'seed', csv(rowsOf(200, `seed${tag}`, 'steel bearing')), 'append');
    uploadIds.push({ id: seed.body.upload_id, recordType: 'seed', tenant: tag });
    if (tag === 'pro') expected.push({ recordType: 'seed', rows: 200, tag: 'steel bearing' });
  }
  log('tenants, keys, endpoint and seed data ready; load starts');
  // Free-plan searches made during set-up: none. Every 2xx search from here on is counted.

  const deadline = Date.now() + DURATION_S * 1000;
  const loops = [];
  const loop = (fn, pauseMs) =>
    loops.push(
      (async () => {
        while (!stopLoad && Date.now() < deadline) {
          await fn();
          await sleep(pauseMs);
        }
      })(),
    );

  // Searches: pro at full speed (two loops), free paced (~3/s: under the 1,000 included).
  const words = ['steel', 'bearing', 'item', 'seed', 'valve'];
  for (let i = 0; i < 2; i++)
    loop(async () => {
      const inst = pick();
      const r = await request(inst, 'POST', '/search/faults', { key: proKey, body: { query: words[rr % words.length] } }, 'search');
      if (r.status === 200) {
        searchesOk.pro++;
        if (inst === instances.A) searchesOk.proByA.push(r.at);
      }
    }, 20);
  loop(async () => {
    const r = await request(pick(), 'POST', '/search/faults', { key: freeKey, body: { query: 'steel' } }, 'search_free');
    if (r.status === 200) searchesOk.free++;
  }, 300);

  // Keys: create on one instance, revoke on the other.
  loop(async () => {
    const made = await request(pick(), 'POST', '/auth/keys', { key: proKey, body: { name: `churn ${rr}`, scopes: ['search'] } }, 'keys');
    if (made.status !== 201) return;
    const gone = await request(pick(), 'DELETE', `/auth/keys/${made.body.id}`, { key: proKey }, 'keys');
    if (gone.status === 204) revokedKeys.push(made.body.key);
  }, 250);

  // Team: invitations created and revoked.
  loop(async () => {
    const inv = await request(pick(), 'POST', '/team/invitations', { token: pro.access_token, body: { email: `invitee-${rr}-${stamp}@example.test`, role: 'viewer' } }, 'team');
    if (inv.status === 201) await request(pick(), 'DELETE', `/team/invitations/${inv.body.invitation_id}`, { token: pro.access_token }, 'team');
  }, 500);

  // Uploads, all three modes, one after another (each a few seconds of processing).
  let n = 0;
  loop(async () => {
    const k = n++;
    const mode = ['append', 'upsert', 'replace'][k % 3];
    const type = `${mode[0]}${k}`;
    if (mode === 'append') {
      const r = await upload(pick(), proKey, type, csv(rowsOf(UPLOAD_ROWS, type, 'first')), 'append');
      if (r.status === 202) {
        uploadIds.push({ id: r.body.upload_id, recordType: type, tenant: 'pro' });
        expected.push({ recordType: type, rows: UPLOAD_ROWS, tag: 'first' });
      }
    } else {
      // Two uploads into the same record type: the second upserts (same external ids) or replaces.
      const half = Math.floor(UPLOAD_ROWS / 2);
      const first = await upload(pick(), proKey, type, csv(rowsOf(half, type, 'first')), 'append');
      if (first.status !== 202) return;
      uploadIds.push({ id: first.body.upload_id, recordType: type, tenant: 'pro' });
      await waitUpload(proKey, first.body.upload_id, 120_000);
      const secondRows = mode === 'upsert' ? rowsOf(UPLOAD_ROWS, type, 'second') : rowsOf(half + 7, `${type}x`, 'second');
      const second = await upload(pick(), proKey, type, csv(secondRows), mode);
      if (second.status !== 202) {
        expected.push({ recordType: type, rows: half, tag: 'first' });
        return;
      }
      uploadIds.push({ id: second.body.upload_id, recordType: type, tenant: 'pro' });
      expected.push({ recordType: type, rows: secondRows.length, tag: 'second' });
    }
  }, 500);

  // Faults, in order.
  const faults = (async () => {
    await sleep(25_000);
    // 1. SIGKILL A while an upload is being processed.
    for (let i = 0; i < 300; i++) {
      const running = await db(`SELECT count(*)::int AS n FROM uploads WHERE status = 'processing'`).catch(() => [{ n: 0 }]);
      if (running[0].n > 0) break;
      await sleep(100);
    }
    const processing = await db(`SELECT id, rows_done, rows_total FROM uploads WHERE status = 'processing'`);
    instances.A.child.kill('SIGKILL');
    instances.A.up = false;
    outage.kill = { from: (now() - T0) / 1000, uploads: processing };
    log(`fault 1: SIGKILL instance A (pid ${instances.A.child.pid}) with ${processing.length} upload(s) processing: ${processing.map((u) => `${u.rows_done}/${u.rows_total}`).join(', ')}`);
    await sleep(5000);
    start(instances.A);
    await waitHealthy(instances.A);
    outage.kill.to = (now() - T0) / 1000;
    log('fault 1: instance A restarted and healthy');

    await sleep(20_000);
    // 2. Redis unreachable for 20 s.
    await redisProxy.cut();
    outage.redis = { from: (now() - T0) / 1000 };
    log('fault 2: Redis cut (proxy)');
    await sleep(20_000);
    await redisProxy.restore();
    outage.redis.to = (now() - T0) / 1000;
    log('fault 2: Redis back');

    await sleep(20_000);
    // 3. PostgreSQL unreachable.
    outage.pg = { from: (now() - T0) / 1000 };
    if (PG_MODE === 'restart') {
      log('fault 3: restarting the PostgreSQL cluster');
      execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', '15', 'main', 'restart', '-m', 'fast'], { stdio: 'inherit' });
    } else {
      await pgProxy.cut();
      log('fault 3: PostgreSQL cut (proxy) for 8 s');
      await sleep(8000);
      await pgProxy.restore();
    }
    outage.pg.to = (now() - T0) / 1000;
    log('fault 3: PostgreSQL back');
  })();

  await faults;
  await Promise.all(loops);
  stopLoad = true;
  log(`load stopped; settling`);

  // Settle: every upload finished, deliveries drained (bounded wait).
  const settleDeadline = Date.now() + 300_000;
  for (;;) {
    const [u] = await db(`SELECT count(*) FILTER (WHERE status NOT IN ('completed', 'failed'))::int AS open FROM uploads`);
    const [d] = await db(`SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending FROM webhook_event_deliveries`);
    if (u.open === 0 && d.pending === 0) break;
    if (Date.now() > settleDeadline) {
      log(`settle timed out: ${u.open} upload(s) open, ${d.pending} deliveries pending`);
      break;
    }
    await sleep(1000);
  }

  // Revoked keys refused by both instances.
  let revokedAccepted = 0;
  for (const key of revokedKeys)
    for (const inst of [instances.A, instances.B]) {
      const r = await request(inst, 'GET', '/auth/whoami', { key }, 'verify');
      if (r.status !== 401) revokedAccepted++;
    }

  // /metrics of each instance, for the record.
  const metricsText = await (await fetch(`http://127.0.0.1:${instances.B.port}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();

  // SIGTERM both: buffered counters are flushed on the way out.
  for (const inst of Object.values(instances)) inst.child.kill('SIGTERM');
  await sleep(3000);

  // ------------------------------------------------------------ counting
  const failures = [];
  const check = (ok, line) => {
    console.log(`${ok ? 'ok  ' : 'FAIL'}  ${line}`);
    if (!ok) failures.push(line);
  };
  console.log('\n==== fault run results ====');
  console.log(`load average before: ${loadBefore}; after: ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
  console.log(`faults: SIGKILL A at ${outage.kill.from.toFixed(1)} s (back ${outage.kill.to.toFixed(1)} s, ${outage.kill.uploads.length} upload(s) mid-processing); Redis cut ${outage.redis.from.toFixed(1)}–${outage.redis.to.toFixed(1)} s; PostgreSQL (${PG_MODE}) ${outage.pg.from.toFixed(1)}–${outage.pg.to.toFixed(1)} s`);
  console.log('answers by kind (2xx / 4xx / 5xx / transport errors):');
  for (const [kind, c] of answers) console.log(`  ${kind.padEnd(12)} ${c.ok} / ${c.client} / ${c.server} / ${c.transport}`);

  // Records expected vs stored, no duplicates.
  const proTenant = pro.tenant.tenant_id;
  let recordsOk = true;
  let expectedTotal = 0;
  let storedTotal = 0;
  for (const e of expected) {
    const [row] = await db(
      `SELECT count(*)::int AS n, count(DISTINCT external_id)::int AS ids, count(*) FILTER (WHERE description LIKE $3)::int AS tagged
         FROM records r JOIN collections c ON c.id = r.collection_id
        WHERE c.tenant_id = $1 AND c.name = 'faults' AND r.record_type = $2 AND r.pending_upload_id IS NULL`,
      [proTenant, e.recordType, `${e.tag} %`],
    );
    expectedTotal += e.rows;
    storedTotal += row.n;
    const ok = row.n === e.rows && row.ids === e.rows && row.tagged === e.rows;
    if (!ok) {
      recordsOk = false;
      console.log(`  record type ${e.recordType}: expected ${e.rows} (${e.tag}), stored ${row.n}, distinct external ids ${row.ids}, from the expected upload ${row.tagged}`);
    }
  }
  check(recordsOk, `records: expected ${expectedTotal}, stored ${storedTotal} over ${expected.length} record types (no loss, no duplicate external_id, every row from the upload that should have won)`);

  const statuses = await db(`SELECT status, count(*)::int AS n FROM uploads GROUP BY status ORDER BY status`);
  // `receiving`: a file whose request died with instance A before any answer (never acknowledged, no
  // upload_id given out); the upload service deletes such rows after 15 minutes.
  const stuck = statuses.filter((s) => !['completed', 'failed', 'receiving'].includes(s.status)).reduce((a, s) => a + s.n, 0);
  const failedUploads = await db(`SELECT id, mode, errors->0->>'message' AS reason FROM uploads WHERE status = 'failed'`);
  check(stuck === 0, `uploads: ${statuses.map((s) => `${s.n} ${s.status}`).join(', ')}; stuck: ${stuck}`);
  for (const f of failedUploads) console.log(`  failed upload ${f.id} (${f.mode}): ${f.reason}`);
  check(failedUploads.length === 0, `uploads failed: ${failedUploads.length} (each was expected to complete)`);

  const period = new Date().toISOString().slice(0, 7);
  const usage = async (tenantId) => Number((await db(`SELECT searches FROM usage_search_counts WHERE tenant_id = $1 AND period = $2`, [tenantId, period]))[0]?.searches ?? 0);
  const freeUsed = await usage(free.tenant.tenant_id);
  // A free-plan search is counted before it runs and given back if it fails; a search whose answer never
  // came (instance killed) or that failed while the database was unreachable (the give-back cannot be
  // written either) may stay counted.
  const freeUnknown = (answers.get('search_free')?.transport ?? 0) + (answers.get('search_free')?.server ?? 0);
  check(
    freeUsed >= searchesOk.free && freeUsed <= searchesOk.free + freeUnknown,
    `free-plan search counter ${freeUsed} vs 2xx answers ${searchesOk.free}: ${freeUsed - searchesOk.free} more, at most ${freeUnknown} allowed (requests answered 5xx or not at all)`,
  );
  const proUsed = await usage(proTenant);
  const killFrom = outage.kill.from;
  const lossBound = searchesOk.proByA.filter((at) => at > killFrom - FLUSH_INTERVAL_MS / 1000 - 0.5 && at <= killFrom).length;
  const proUnknown = answers.get('search')?.transport ?? 0;
  check(
    proUsed <= searchesOk.pro + proUnknown && searchesOk.pro - proUsed <= lossBound,
    `scale-plan (buffered) search counter ${proUsed} vs 2xx answers ${searchesOk.pro}: ${searchesOk.pro - proUsed} lost, at most ${lossBound} allowed (answered by A in the last flush interval before its SIGKILL)`,
  );

  check(revokedAccepted === 0, `revoked keys: ${revokedKeys.length}, each tried on both instances; accepted: ${revokedAccepted}`);

  // Webhooks: one distinct delivery per finished upload of the pro tenant, valid signatures.
  const finished = await db(`SELECT id, status FROM uploads WHERE tenant_id = $1 AND status IN ('completed', 'failed')`, [proTenant]);
  const byUpload = new Map();
  let badSignatures = 0;
  let redelivered = 0;
  for (const [, r] of received) {
    if (!r.valid) badSignatures++;
    if (r.count > 1) redelivered += r.count - 1;
    const id = r.event?.data?.upload_id;
    byUpload.set(id, (byUpload.get(id) ?? 0) + 1);
  }
  const missing = finished.filter((u) => (byUpload.get(u.id) ?? 0) === 0).length;
  const doubled = [...byUpload.values()].filter((n) => n > 1).length;
  const [deliveryStates] = await db(
    `SELECT count(*) FILTER (WHERE status = 'delivered')::int AS delivered, count(*) FILTER (WHERE status = 'failed')::int AS failed, count(*) FILTER (WHERE status = 'pending')::int AS pending FROM webhook_event_deliveries`,
  );
  check(
    missing === 0 && doubled === 0 && badSignatures === 0 && deliveryStates.pending === 0 && deliveryStates.failed === 0,
    `webhooks: ${finished.length} finished uploads, ${received.size} distinct deliveries received (${redelivered} repeated webhook-id, i.e. retried after an unanswered attempt), missing ${missing}, two events for one upload ${doubled}, bad signatures ${badSignatures}; log: ${deliveryStates.delivered} delivered, ${deliveryStates.failed} failed, ${deliveryStates.pending} pending`,
  );

  // 5xx: only 503 `unavailable` while PostgreSQL was unreachable (plus a few seconds for pools to reconnect).
  const pgWindow = (at) => outage.pg && at >= outage.pg.from - 1 && at <= outage.pg.to + 10;
  const unexpected = fiveHundreds.filter((f) => !(f.status === 503 && f.error === 'unavailable' && pgWindow(f.at)));
  const by = {};
  for (const f of fiveHundreds) by[`${f.status} ${f.error}`] = (by[`${f.status} ${f.error}`] ?? 0) + 1;
  check(unexpected.length === 0, `5xx answers: ${fiveHundreds.length} (${JSON.stringify(by)}); outside the documented 503s of the database outage: ${unexpected.length}`);
  for (const f of unexpected.slice(0, 10)) console.log(`  unexpected ${f.status} ${f.error} at ${f.at.toFixed(1)} s (${f.kind} on ${f.instance})`);
  const transport = [...answers.values()].reduce((n, c) => n + c.transport, 0);
  console.log(`transport errors (requests to A while it was dead, or cut mid-answer): ${transport}`);
  const lines = metricsText.split('\n').filter((l) => /^cistern_(webhook_deliveries_total|job_failures_total|auth_attempts_total\{credential="api_key",outcome="revoked"|rate_limit_rejections_total)/.test(l));
  console.log(`instance B /metrics at the end:\n  ${lines.join('\n  ')}`);

  console.log(failures.length === 0 ? '\nNO LOSS: every check passed' : `\n${failures.length} CHECK(S) FAILED`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/faults-latest.txt', `${failures.length === 0 ? 'pass' : 'fail'}\n`);
  return failures.length === 0;
}

async function waitUpload(key, id, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && !stopLoad) {
    const r = await request(pick(), 'GET', `/uploads/${id}`, { key }, 'poll');
    if (r.status === 200 && ['completed', 'failed'].includes(r.body.status)) return r.body.status;
    await sleep(500);
  }
  return null;
}

let ok = false;
try {
  ok = await main();
} catch (error) {
  console.error('fault run aborted:', error);
} finally {
  for (const inst of Object.values(instances)) inst.child?.kill('SIGKILL');
  receiver.close();
  if (redisProxy?.server?.listening) await redisProxy.cut().catch(() => undefined);
  if (pgProxy?.server?.listening) await pgProxy.cut().catch(() => undefined);
  await sleep(500);
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
}
process.exit(ok ? 0 : 1);
