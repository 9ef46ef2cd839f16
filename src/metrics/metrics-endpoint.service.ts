import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { bearerToken } from '../auth/bearer.js';
import { AppConfig } from '../config/app-config.js';
import { JobQueue, type QueueStats } from '../jobs/job-queue.service.js';
import { Metrics } from './metrics.service.js';

/** What node-postgres' Pool tells about itself (TypeORM's postgres driver keeps it as `master`). */
interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * `GET /metrics` (outside `/api/v1` and outside the OpenAPI document: it is the operator's, not a
 * tenant's). Registered on Fastify directly, only when METRICS_TOKEN is set: otherwise the path is
 * the JSON 404 of every unknown route. The token is compared in constant time (as SHA-256 digests,
 * so its length does not leak either).
 */
@Injectable()
export class MetricsEndpoint implements OnModuleInit {
  private queueStats: ReturnType<JobQueue['stats']> | null = null;

  constructor(
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
    private readonly queue: JobQueue,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    const token = this.config.METRICS_TOKEN;
    if (!this.metrics.enabled || !token) return;
    this.registerCollectors();
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const metrics = this.metrics;
    // Route templates only (`/api/v1/entities/:collection/:id`), never the raw URL; unknown paths share one label.
    fastify.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? 'unmatched';
      metrics.httpRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
      done();
    });
    const expected = digest(token);
    fastify.get('/metrics', async (request: FastifyRequest, reply: FastifyReply) => {
      const header = request.headers.authorization;
      const given = typeof header === 'string' ? bearerToken(header) : null;
      if (given === null || !timingSafeEqual(digest(given), expected)) {
        return reply
          .code(401)
          .header('www-authenticate', 'Bearer realm="metrics"')
          .send({ detail: 'Send "Authorization: Bearer <METRICS_TOKEN>".', error: 'unauthenticated' });
      }
      this.queueStats = null;
      const text = await metrics.registry.metrics();
      return reply.header('content-type', metrics.registry.contentType).send(text);
    });
  }

  private registerCollectors(): void {
    // One read of the jobs table per scrape, shared by the three gauges of that scrape. Queues this
    // process does not work (rows left by another version, say) are summed under `other`: a label
    // value is always one of the application's own queue names.
    const stats = () =>
      (this.queueStats ??= this.queue.stats().then((s) => {
        const known = this.queue.registeredQueues();
        const byQueue = new Map<string, QueueStats['byQueue'][number]>();
        for (const q of s.byQueue) {
          const queue = known.has(q.queue) ? q.queue : 'other';
          const into = byQueue.get(queue);
          if (!into) byQueue.set(queue, { ...q, queue });
          else {
            into.pending += q.pending;
            into.running += q.running;
            into.oldestPendingAgeSeconds = Math.max(into.oldestPendingAgeSeconds, q.oldestPendingAgeSeconds);
          }
        }
        return { ...s, byQueue: [...byQueue.values()] };
      }));
    this.metrics.gauge(
      'cistern_job_queue_depth',
      'Jobs waiting or running, by queue.',
      ['queue'],
      async (g) => {
        g.reset();
        for (const q of (await stats()).byQueue) g.labels(q.queue).set(q.pending + q.running);
      },
    );
    this.metrics.gauge('cistern_job_queue_running', 'Jobs running, by queue.', ['queue'], async (g) => {
      g.reset();
      for (const q of (await stats()).byQueue) g.labels(q.queue).set(q.running);
    });
    this.metrics.gauge(
      'cistern_job_queue_oldest_pending_age_seconds',
      'Seconds the longest-waiting due job has waited, by queue.',
      ['queue'],
      async (g) => {
        g.reset();
        for (const q of (await stats()).byQueue) g.labels(q.queue).set(q.oldestPendingAgeSeconds);
      },
    );
    const pool = () => (this.dataSource.driver as unknown as { master?: PoolCounts }).master;
    this.metrics.gauge(
      'cistern_db_pool_connections',
      'Connections of the database pool of this instance, by state (in_use, idle).',
      ['state'],
      (g) => {
        const p = pool();
        if (!p) return;
        g.labels('in_use').set(p.totalCount - p.idleCount);
        g.labels('idle').set(p.idleCount);
      },
    );
    this.metrics.gauge(
      'cistern_db_pool_waiting',
      'Queries waiting for a connection of the database pool of this instance.',
      [],
      (g) => {
        const p = pool();
        if (p) g.set(p.waitingCount);
      },
    );
  }
}
