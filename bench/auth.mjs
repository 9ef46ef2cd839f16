// npm run bench — the authentication hot path and cross-instance revocation (issue 7).
//
// Starts the built server on a fresh PostgreSQL database, gives a tenant unlimited custom limits through
// the operator CLI, then runs autocannon (50 connections, on the same 2 cores as the server) alternately
// on GET /api/v1/health and GET /api/v1/auth/whoami and reports both throughputs, p99s and the ratio,
// with RSS idle and after each round. Then starts a second instance on the same database and measures
// how long a revocation on A takes to be refused by B (50 trials).
import autocannon from 'autocannon';
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import pg from 'pg';

const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const TRIALS = Number(process.env.BENCH_TRIALS ?? 50);
const SECRETS = { JWT_SECRET: 'bench-jwt-secret-0123456789abcdef0123456789', API_KEY_SALT: 'bench-api-key-salt-0123456789abcdef012345' };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function withAdmin(sql) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function startServer(port, databaseUrl) {
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: { ...process.env, ...SECRETS, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return child;
}

async function waitHealthy(base) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return;
    } catch {}
    await sleep(100);
  }
  throw new Error(`${base} did not start`);
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024);
}

async function json(base, method, path, { token, key, body } = {}) {
  const headers = body ? { 'content-type': 'application/json' } : {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (key) headers['x-api-key'] = key;
  const res = await fetch(`${base}/api/v1${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

function load(url, headers) {
  return autocannon({ url, connections: 50, duration: DURATION, headers });
}

function summary(result) {
  return { rps: Math.round(result.requests.average), p99: result.latency.p99, non2xx: result.non2xx + result.errors + result.timeouts };
}

const stamp = Date.now();
const db = `cistern_bench_${stamp}`;
const dbUrl = `${ADMIN_URL.replace(/\/[^/]*$/, '')}/${db}`;
await withAdmin(`CREATE DATABASE ${db}`);
const portA = 18500 + (stamp % 400);
const baseA = `http://127.0.0.1:${portA}`;
const servers = [];
try {
  const a = startServer(portA, dbUrl);
  servers.push(a);
  await waitHealthy(baseA);

  const signup = await json(baseA, 'POST', '/portal/auth/signup', { body: { email: `bench-${stamp}@example.test`, password: 'benchmark password', company: 'Bench' } });
  const token = signup.body.access_token;
  const tenantId = signup.body.tenant.tenant_id;
  execFileSync(process.execPath, ['dist/src/cli/main.js', 'tenants', 'set-limits', tenantId, '--requests-per-minute', '1000000000', '--search-per-minute', '1000000000'], {
    env: { ...process.env, ...SECRETS, DATABASE_URL: dbUrl, LOG_LEVEL: 'warn' },
    stdio: 'inherit',
  });
  const created = await json(baseA, 'POST', '/portal/keys', { token, body: { name: 'bench', scopes: ['search', 'keys:write', 'keys:read'] } });
  const key = created.body.key;

  const idle = rssMb(a.pid);
  // Warm-up (JIT, caches, connection pool).
  await load(`${baseA}/api/v1/health`, {});
  await load(`${baseA}/api/v1/auth/whoami`, { 'x-api-key': key });
  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    const health = summary(await load(`${baseA}/api/v1/health`, {}));
    const whoami = summary(await load(`${baseA}/api/v1/auth/whoami`, { 'x-api-key': key }));
    rounds.push({ health, whoami, ratio: whoami.rps / health.rps, rss: rssMb(a.pid) });
  }

  // Revocation propagation: revoke on A, poll B until refused.
  const portB = portA + 1;
  const baseB = `http://127.0.0.1:${portB}`;
  const b = startServer(portB, dbUrl);
  servers.push(b);
  await waitHealthy(baseB);
  const delays = [];
  for (let i = 0; i < TRIALS; i++) {
    const made = await json(baseA, 'POST', '/auth/keys', { key, body: { name: `trial ${i}`, scopes: ['search'] } });
    const victim = made.body;
    if ((await json(baseB, 'GET', '/auth/whoami', { key: victim.key })).status !== 200) throw new Error('B did not accept the new key');
    const start = performance.now();
    const revoked = await json(baseA, 'DELETE', `/auth/keys/${victim.id}`, { key });
    if (revoked.status !== 204) throw new Error(`revoke answered ${revoked.status}`);
    for (;;) {
      const { status } = await json(baseB, 'GET', '/auth/whoami', { key: victim.key });
      if (status === 401) break;
      if (performance.now() - start > 5000) throw new Error('B never refused the revoked key');
    }
    delays.push(performance.now() - start);
  }
  delays.sort((x, y) => x - y);
  const median = delays[Math.floor(delays.length / 2)];
  const max = delays[delays.length - 1];

  const lines = [
    `Measured ${new Date().toISOString()} on ${process.platform}/${process.arch}, Node ${process.version}, ${DURATION} s per run, 50 connections, autocannon on the same machine.`,
    '',
    '| round | /health req/s | /health p99 | /auth/whoami req/s | /auth/whoami p99 | non-2xx | whoami / health | server RSS after |',
    '|---|---|---|---|---|---|---|---|',
    ...rounds.map(
      (r, i) =>
        `| ${i + 1} | ${r.health.rps} | ${r.health.p99} ms | ${r.whoami.rps} | ${r.whoami.p99} ms | ${r.health.non2xx + r.whoami.non2xx} | **${r.ratio.toFixed(2)}** | ${r.rss} MB |`,
    ),
    '',
    `Server RSS idle (after start and one signup): ${idle} MB.`,
    '',
    `Revocation propagation (revoke on A answered → first 401 on B, ${TRIALS} trials, includes the revoke round trip): median ${median.toFixed(1)} ms, max ${max.toFixed(1)} ms.`,
  ];
  const report = lines.join('\n');
  console.log(`\n${report}\n`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/auth-latest.md', `${report}\n`);
} finally {
  for (const s of servers) s.kill('SIGTERM');
  await sleep(1500);
  await withAdmin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch(() => undefined);
}
