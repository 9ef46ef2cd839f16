import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { AppConfig } from '../config/app-config.js';
import { FastCounter, FastHistogram, type HistogramSeries } from './fast-metrics.js';

export type AuthCredential = 'api_key' | 'jwt' | 'none';
export type AuthOutcome =
  'ok' | 'invalid' | 'expired' | 'revoked' | 'ip_refused' | 'suspended' | 'missing' | 'wrong_credential';
export type RateLimitKind = 'requests' | 'searches' | 'open_search' | 'login';
export type SearchPath = 'cache' | 'index' | 'database' | 'open';
export type WebhookKind = 'rotation' | 'event';
export type WebhookOutcome = 'delivered' | 'retried' | 'failed' | 'endpoint_disabled';

/** Latency buckets in seconds: sub-millisecond (cached keys and searches) up to the 10 s webhook deadline. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];

/**
 * Prometheus metrics (issue 19), on one registry of this application (not prom-client's global one:
 * two apps in one test process must not share counters). The per-request ones are FastCounter /
 * FastHistogram (see fast-metrics.ts); gauges and process metrics are prom-client's. Every label value comes from a closed set
 * or a route template: never a tenant id, a key id, a key or a raw path.
 *
 * With METRICS_TOKEN unset nothing is recorded: every method returns at its first line, and the HTTP
 * hook is not installed, so metrics cost nothing when off.
 */
@Injectable()
export class Metrics {
  readonly enabled: boolean;
  readonly registry = new Registry();

  private readonly httpDuration = new FastHistogram(
    'cistern_http_request_duration_seconds',
    'HTTP requests by method, route template and status; its _count is the number of requests.',
    ['method', 'route', 'status'],
    LATENCY_BUCKETS,
    this.registry,
  );
  private readonly httpSeries = new Map<string, Map<number, Map<string, HistogramSeries>>>();
  private readonly auth = new FastCounter(
    'cistern_auth_attempts_total',
    'Authentication outcomes by credential kind (api_key, jwt, none).',
    ['credential', 'outcome'],
    this.registry,
  );
  private readonly keyCache = new FastCounter(
    'cistern_key_cache_lookups_total',
    'API key verifications answered from the in-process cache (hit) or the database (miss).',
    ['result'],
    this.registry,
  );
  private readonly searchCache = new FastCounter(
    'cistern_search_cache_lookups_total',
    'Searches answered from the search cache (hit) or run (miss).',
    ['result'],
    this.registry,
  );
  private readonly rateLimited = new FastCounter(
    'cistern_rate_limit_rejections_total',
    'Requests refused with 429 by a rate limit, by limit.',
    ['limit'],
    this.registry,
  );
  private readonly jobFailures = new FastCounter(
    'cistern_job_failures_total',
    'Background job attempts that failed, by queue; final="true" when the job was given up.',
    ['queue', 'final'],
    this.registry,
  );
  private readonly uploadRows = new FastCounter(
    'cistern_upload_rows_total',
    'Rows of finished uploads and ingests, by result (indexed, failed).',
    ['result'],
    this.registry,
  );
  private readonly uploadsFinished = new FastCounter(
    'cistern_uploads_finished_total',
    'Uploads and ingests that finished, by status (completed, failed).',
    ['status'],
    this.registry,
  );
  private readonly searchDuration = new FastHistogram(
    'cistern_search_duration_seconds',
    'Search time inside the server by path: answered from the cache, run on the database, or open search.',
    ['path'],
    LATENCY_BUCKETS,
    this.registry,
  );
  private readonly webhooks = new FastCounter(
    'cistern_webhook_deliveries_total',
    'Webhook delivery attempts by kind (rotation: a key rotation_webhook_url; event: a tenant endpoint) and outcome.',
    ['kind', 'outcome'],
    this.registry,
  );

  constructor(config: AppConfig) {
    this.enabled = Boolean(config.METRICS_TOKEN);
    if (this.enabled) collectDefaultMetrics({ register: this.registry, prefix: 'cistern_' });
  }

  /** Listeners told when a scrape starts: gauges that share one read per scrape drop the last one. */
  private readonly scrapeListeners: (() => void)[] = [];

  onScrape(listener: () => void): void {
    this.scrapeListeners.push(listener);
  }

  /** Called by GET /metrics before it reads the registry. */
  beginScrape(): void {
    for (const listener of this.scrapeListeners) listener();
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

  /** Called by the HTTP hook, which exists only when metrics are on. */
  httpRequest(method: string, route: string, status: number, seconds: number): void {
    // Route → status → method: the route strings are Fastify's own (their hash is computed once), so
    // no key is built per request (what a concatenated key cost: bench/README.md, "Metrics cost").
    let byStatus = this.httpSeries.get(route);
    if (!byStatus) this.httpSeries.set(route, (byStatus = new Map<number, Map<string, HistogramSeries>>()));
    let byMethod = byStatus.get(status);
    if (!byMethod) byStatus.set(status, (byMethod = new Map<string, HistogramSeries>()));
    let series = byMethod.get(method);
    if (!series) {
      series = this.httpDuration.seriesFor(`${method} ${status} ${route}`, [method, route, String(status)]);
      byMethod.set(method, series);
    }
    this.httpDuration.observeSeries(series, seconds);
  }

  authAttempt(credential: AuthCredential, outcome: AuthOutcome): void {
    if (this.enabled) this.auth.inc(`${credential}|${outcome}`, [credential, outcome]);
  }

  keyCacheLookup(hit: boolean): void {
    if (this.enabled) this.keyCache.inc(hit ? 'hit' : 'miss', [hit ? 'hit' : 'miss']);
  }

  searchCacheLookup(hit: boolean): void {
    if (this.enabled) this.searchCache.inc(hit ? 'hit' : 'miss', [hit ? 'hit' : 'miss']);
  }

  rateLimitRejected(limit: RateLimitKind): void {
    if (this.enabled) this.rateLimited.inc(limit, [limit]);
  }

  jobFailed(queue: string, final: boolean): void {
    if (this.enabled) this.jobFailures.inc(`${queue}|${final}`, [queue, String(final)]);
  }

  uploadFinished(status: 'completed' | 'failed', rowsIndexed: number, rowsFailed: number): void {
    if (!this.enabled) return;
    this.uploadsFinished.inc(status, [status]);
    if (rowsIndexed > 0) this.uploadRows.inc('indexed', ['indexed'], rowsIndexed);
    if (rowsFailed > 0) this.uploadRows.inc('failed', ['failed'], rowsFailed);
  }

  searched(path: SearchPath, seconds: number): void {
    if (this.enabled) this.searchDuration.observe(path, [path], seconds);
  }

  webhookDelivery(kind: WebhookKind, outcome: WebhookOutcome): void {
    if (this.enabled) this.webhooks.inc(`${kind}|${outcome}`, [kind, outcome]);
  }
}
