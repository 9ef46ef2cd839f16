import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { AppConfig } from '../config/app-config.js';

export type AuthCredential = 'api_key' | 'jwt' | 'none';
export type AuthOutcome =
  'ok' | 'invalid' | 'expired' | 'revoked' | 'ip_refused' | 'suspended' | 'missing' | 'wrong_credential';
export type RateLimitKind = 'requests' | 'searches' | 'open_search' | 'login';
export type SearchPath = 'cache' | 'database' | 'open';
export type WebhookKind = 'rotation' | 'event';
export type WebhookOutcome = 'delivered' | 'retried' | 'failed' | 'endpoint_disabled';

/** Latency buckets in seconds: sub-millisecond (cached keys and searches) up to the 10 s webhook deadline. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];

/**
 * Prometheus metrics (issue 19), on one registry of this application (not prom-client's global one:
 * two apps in one test process must not share counters). Every label value comes from a closed set
 * or a route template: never a tenant id, a key id, a key or a raw path.
 *
 * With METRICS_TOKEN unset nothing is recorded: every method returns at its first line, and the HTTP
 * hook is not installed, so metrics cost nothing when off.
 */
@Injectable()
export class Metrics {
  readonly enabled: boolean;
  readonly registry = new Registry();

  private readonly httpDuration = new Histogram({
    name: 'cistern_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status; its _count is the number of requests.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  /** One child per (method, route, status): labels() hashes its arguments on every call. */
  private readonly httpChildren = new Map<string, Histogram.Internal<'method' | 'route' | 'status'>>();

  private readonly auth = new Counter({
    name: 'cistern_auth_attempts_total',
    help: 'Authentication outcomes by credential kind (api_key, jwt, none).',
    labelNames: ['credential', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly keyCache = new Counter({
    name: 'cistern_key_cache_lookups_total',
    help: 'API key verifications answered from the in-process cache (hit) or the database (miss).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  private readonly searchCache = new Counter({
    name: 'cistern_search_cache_lookups_total',
    help: 'Searches answered from the search cache (hit) or run (miss).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  private readonly rateLimited = new Counter({
    name: 'cistern_rate_limit_rejections_total',
    help: 'Requests refused with 429 by a rate limit, by limit.',
    labelNames: ['limit'] as const,
    registers: [this.registry],
  });
  private readonly jobFailures = new Counter({
    name: 'cistern_job_failures_total',
    help: 'Background job attempts that failed, by queue; final="true" when the job was given up.',
    labelNames: ['queue', 'final'] as const,
    registers: [this.registry],
  });
  private readonly uploadRows = new Counter({
    name: 'cistern_upload_rows_total',
    help: 'Rows of finished uploads and ingests, by result (indexed, failed).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  private readonly uploadsFinished = new Counter({
    name: 'cistern_uploads_finished_total',
    help: 'Uploads and ingests that finished, by status (completed, failed).',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  private readonly searchDuration = new Histogram({
    name: 'cistern_search_duration_seconds',
    help: 'Search time inside the server by path: answered from the cache, run on the database, or open search.',
    labelNames: ['path'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly webhooks = new Counter({
    name: 'cistern_webhook_deliveries_total',
    help: 'Webhook delivery attempts by kind (rotation: a key rotation_webhook_url; event: a tenant endpoint) and outcome.',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor(config: AppConfig) {
    this.enabled = Boolean(config.METRICS_TOKEN);
    if (this.enabled) collectDefaultMetrics({ register: this.registry, prefix: 'cistern_' });
  }

  /** A gauge read when Prometheus scrapes (queue depth, database pool). */
  gauge<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    collect: (gauge: Gauge<L>) => Promise<void> | void,
  ): void {
    if (!this.enabled) return;
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [this.registry],
      collect() {
        return collect(this);
      },
    });
  }

  httpRequest(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${status} ${route}`;
    let child = this.httpChildren.get(key);
    if (!child) {
      child = this.httpDuration.labels(method, route, String(status));
      this.httpChildren.set(key, child);
    }
    child.observe(seconds);
  }

  authAttempt(credential: AuthCredential, outcome: AuthOutcome): void {
    if (this.enabled) this.auth.labels(credential, outcome).inc();
  }

  keyCacheLookup(hit: boolean): void {
    if (this.enabled) this.keyCache.labels(hit ? 'hit' : 'miss').inc();
  }

  searchCacheLookup(hit: boolean): void {
    if (this.enabled) this.searchCache.labels(hit ? 'hit' : 'miss').inc();
  }

  rateLimitRejected(limit: RateLimitKind): void {
    if (this.enabled) this.rateLimited.labels(limit).inc();
  }

  jobFailed(queue: string, final: boolean): void {
    if (this.enabled) this.jobFailures.labels(queue, String(final)).inc();
  }

  uploadFinished(status: 'completed' | 'failed', rowsIndexed: number, rowsFailed: number): void {
    if (!this.enabled) return;
    this.uploadsFinished.labels(status).inc();
    if (rowsIndexed > 0) this.uploadRows.labels('indexed').inc(rowsIndexed);
    if (rowsFailed > 0) this.uploadRows.labels('failed').inc(rowsFailed);
  }

  searched(path: SearchPath, seconds: number): void {
    if (this.enabled) this.searchDuration.labels(path).observe(seconds);
  }

  webhookDelivery(kind: WebhookKind, outcome: WebhookOutcome): void {
    if (this.enabled) this.webhooks.labels(kind, outcome).inc();
  }
}
