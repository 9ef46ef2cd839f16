// node bench/metrics-micro.mjs (after npm run build): the in-process cost of the per-request metric calls.
import 'reflect-metadata';
import { Metrics } from '../dist/src/metrics/metrics.service.js';

const metrics = new Metrics({ METRICS_TOKEN: 'bench-metrics-token-0123456789' });
const N = 2_000_000;
for (let round = 0; round < 3; round++) {
  let t = process.hrtime.bigint();
  for (let i = 0; i < N; i++) metrics.httpRequest('GET', '/api/v1/auth/whoami', 200, 0.0012);
  const http = Number(process.hrtime.bigint() - t) / N;
  t = process.hrtime.bigint();
  for (let i = 0; i < N; i++) {
    metrics.authAttempt('api_key', 'ok');
    metrics.keyCacheLookup(true);
  }
  const auth = Number(process.hrtime.bigint() - t) / N;
  console.log(`httpRequest ${http.toFixed(0)} ns; authAttempt + keyCacheLookup ${auth.toFixed(0)} ns`);
}
process.exit(0);
