// npm run bench — the authentication hot path and cross-instance revocation (issue 7).
//
// Starts the built server on a fresh PostgreSQL database, gives a tenant unlimited custom limits through
// the operator CLI, then runs autocannon (50 connections, on the same 2 cores as the server) alternately
// on GET /api/v1/health and GET /api/v1/auth/whoami and reports both throughputs, p99s and the ratio,
// with RSS idle and after each round. Throughput on this shared 2-core VM swings by ±30 % from one
// run to the next, so the runs alternate in many short rounds and the summary takes medians; the
// server's CPU time per request (from /proc, independent of how fast the client is) is reported too.
// Then starts a second instance on the same database and measures how long a revocation on A takes
// to be refused by B (50 trials).
import autocannon from 'autocannon';
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import pg from 'pg';

const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const TRIALS = Number(process.env.BENCH_TRIALS ?? 50);
// BENCH_METRICS_AB=1: a second instance on the same database serves with METRICS_TOKEN set (metrics on);
// every round measures both instances, alternating which goes first (A B, B A, ...), and the report adds
// the whoami / health ratio and the CPU per request with metrics on against off (issue 19).
const METRICS_AB = process.env.BENCH_METRICS_AB === '1';
const METRICS_TOKEN = 'bench-metrics-token-0123456789';
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

/** BENCH_CPU_PROF=1: instance A writes a V8 CPU profile to bench/results/profiles/ when it stops. */
function startServer(port, databaseUrl, profile = false, extraEnv = {}) {
  const flags = profile ? ['--cpu-prof', '--cpu-prof-dir=bench/results/profiles'] : [];
  const child = spawn(process.execPath, [...flags, 'dist/src/main.js'], {
    env: { ...process.env, ...SECRETS, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', NODE_ENV: 'production', ...extraEnv },
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

/** CPU seconds (user + system) the process has used so far. */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

const median = (values) => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

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

function load(url, headers, duration = DURATION) {
  return autocannon({ url, connections: 50, duration, headers });
}

/** One autocannon run, with the server's CPU time per answered request. */
async function measure(pid, url, headers) {
  const cpuBefore = cpuSeconds(pid);
  const result = await load(url, headers);
  const cpu = cpuSeconds(pid) - cpuBefore;
  return {
    rps: Math.round(result.requests.average),
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors + result.timeouts,
    cpuUs: (cpu * 1e6) / Math.max(1, result.requests.total),
  };
}

const stamp = Date.now();
const db = `cistern_bench_${stamp}`;
const dbUrl = `${ADMIN_URL.replace(/\/[^/]*$/, '')}/${db}`;
await withAdmin(`CREATE DATABASE ${db}`);
const portA = 18500 + (stamp % 400);
const baseA = `http://127.0.0.1:${portA}`;
const servers = [];
try {
  const a = startServer(portA, dbUrl, process.env.BENCH_CPU_PROF === '1');
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
  await load(`${baseA}/api/v1/health`, {}, 10);
  await load(`${baseA}/api/v1/auth/whoami`, { 'x-api-key': key }, 10);
  if (METRICS_AB) {
    await runMetricsAB(a, key, dbUrl);
    process.exit(0);
  }
  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    const health = await measure(a.pid, `${baseA}/api/v1/health`, {});
    const whoami = await measure(a.pid, `${baseA}/api/v1/auth/whoami`, { 'x-api-key': key });
    rounds.push({ health, whoami, ratio: whoami.rps / health.rps, rss: rssMb(a.pid) });
  }
  const med = (pick) => median(rounds.map(pick));
  const overall = {
    healthRps: Math.round(med((r) => r.health.rps)),
    whoamiRps: Math.round(med((r) => r.whoami.rps)),
    healthP99: med((r) => r.health.p99),
    whoamiP99: med((r) => r.whoami.p99),
    healthCpu: med((r) => r.health.cpuUs),
    whoamiCpu: med((r) => r.whoami.cpuUs),
    non2xx: rounds.reduce((n, r) => n + r.health.non2xx + r.whoami.non2xx, 0),
  };

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
  const propagationMedian = median(delays);
  const max = delays[delays.length - 1];

  const lines = [
    `Measured ${new Date().toISOString()} on ${process.platform}/${process.arch}, Node ${process.version}: ${ROUNDS} alternating rounds of ${DURATION} s per endpoint, 50 connections, autocannon on the same 2 cores as the server.`,
    '',
    '| | /health | /auth/whoami | whoami / health |',
    '|---|---|---|---|',
    `| throughput (median of rounds) | ${overall.healthRps} req/s | ${overall.whoamiRps} req/s | **${(overall.whoamiRps / overall.healthRps).toFixed(2)}** |`,
    `| p99 latency (median of rounds) | ${overall.healthP99} ms | ${overall.whoamiP99} ms | |`,
    `| server CPU per request (median) | ${overall.healthCpu.toFixed(1)} µs | ${overall.whoamiCpu.toFixed(1)} µs | **${(overall.healthCpu / overall.whoamiCpu).toFixed(2)}** (CPU-bound ratio) |`,
    `| non-2xx answers (all rounds) | | | ${overall.non2xx} |`,
    '',
    '| round | /health req/s | p99 | CPU/req | /auth/whoami req/s | p99 | CPU/req | non-2xx | whoami / health | server RSS after |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rounds.map(
      (r, i) =>
        `| ${i + 1} | ${r.health.rps} | ${r.health.p99} ms | ${r.health.cpuUs.toFixed(1)} µs | ${r.whoami.rps} | ${r.whoami.p99} ms | ${r.whoami.cpuUs.toFixed(1)} µs | ${r.health.non2xx + r.whoami.non2xx} | ${r.ratio.toFixed(2)} | ${r.rss} MB |`,
    ),
    '',
    `Server RSS idle (after start and one signup): ${idle} MB; after the last round: ${rounds[rounds.length - 1].rss} MB.`,
    '',
    `Revocation propagation (revoke on A answered → first 401 on B, ${TRIALS} trials, includes the revoke round trip): median ${propagationMedian.toFixed(1)} ms, max ${max.toFixed(1)} ms.`,
  ];
  const report = lines.join('\n');
  console.log(`\n${report}\n`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/auth-latest.md', `${report}\n`);

  /** Metrics off (instance A) against on (instance M, same database), alternated round by round. */
  async function runMetricsAB(off, apiKey) {
    const portM = portA + 2;
    const baseM = `http://127.0.0.1:${portM}`;
    const on = startServer(portM, dbUrl, false, { METRICS_TOKEN });
    servers.push(on);
    await waitHealthy(baseM);
    await load(`${baseM}/api/v1/health`, {}, 10);
    await load(`${baseM}/api/v1/auth/whoami`, { 'x-api-key': apiKey }, 10);
    const load1 = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    const sides = { off: { pid: off.pid, base: baseA, rounds: [] }, on: { pid: on.pid, base: baseM, rounds: [] } };
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 === 0 ? ['off', 'on'] : ['on', 'off'];
      for (const name of order) {
        const side = sides[name];
        const health = await measure(side.pid, `${side.base}/api/v1/health`, {});
        const whoami = await measure(side.pid, `${side.base}/api/v1/auth/whoami`, { 'x-api-key': apiKey });
        side.rounds.push({ health, whoami, ratio: whoami.rps / health.rps });
      }
    }
    const scrape = await fetch(`${baseM}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    const scrapeText = await scrape.text();
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) await (await fetch(`${baseM}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    const scrapeMs = (performance.now() - t0) / 20;
    const load2 = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    const summary = (side) => {
      const m = (pick) => median(side.rounds.map(pick));
      return { ratio: m((r) => r.ratio), health: m((r) => r.health.rps), whoami: m((r) => r.whoami.rps), healthCpu: m((r) => r.health.cpuUs), whoamiCpu: m((r) => r.whoami.cpuUs), non2xx: side.rounds.reduce((n, r) => n + r.health.non2xx + r.whoami.non2xx, 0) };
    };
    const offS = summary(sides.off);
    const onS = summary(sides.on);
    const lines = [
      `Metrics A/B measured ${new Date().toISOString()}, Node ${process.version}: ${ROUNDS} rounds of ${DURATION} s per endpoint and side, order alternated each round, 50 connections; load average before ${load1}, after ${load2}.`,
      '',
      '| metrics | /health req/s | /auth/whoami req/s | whoami / health (median of rounds) | CPU/req /health | CPU/req whoami | non-2xx |',
      '|---|---|---|---|---|---|---|',
      `| off | ${Math.round(offS.health)} | ${Math.round(offS.whoami)} | **${offS.ratio.toFixed(3)}** | ${offS.healthCpu.toFixed(1)} µs | ${offS.whoamiCpu.toFixed(1)} µs | ${offS.non2xx} |`,
      `| on | ${Math.round(onS.health)} | ${Math.round(onS.whoami)} | **${onS.ratio.toFixed(3)}** | ${onS.healthCpu.toFixed(1)} µs | ${onS.whoamiCpu.toFixed(1)} µs | ${onS.non2xx} |`,
      '',
      `Ratio change with metrics on: ${(onS.ratio - offS.ratio).toFixed(3)}; CPU per whoami ${(onS.whoamiCpu - offS.whoamiCpu).toFixed(1)} µs, per /health ${(onS.healthCpu - offS.healthCpu).toFixed(1)} µs.`,
      `One scrape of /metrics: ${scrapeText.length} bytes, ${scrapeMs.toFixed(1)} ms (mean of 20, after the load).`,
      '',
      '| round | order | off: ratio | on: ratio |',
      '|---|---|---|---|',
      ...sides.off.rounds.map((r, i) => `| ${i + 1} | ${i % 2 === 0 ? 'off, on' : 'on, off'} | ${r.ratio.toFixed(3)} | ${sides.on.rounds[i].ratio.toFixed(3)} |`),
    ];
    const report = lines.join('\n');
    console.log(`\n${report}\n`);
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/metrics-ab-latest.md', `${report}\n`);
    for (const s of servers) s.kill('SIGTERM');
    await sleep(1500);
    await withAdmin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch(() => undefined);
  }
} finally {
  for (const s of servers) s.kill('SIGTERM');
  await sleep(1500);
  await withAdmin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch(() => undefined);
}
