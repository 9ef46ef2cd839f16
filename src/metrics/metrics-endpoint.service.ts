import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { bearerToken } from '../common/bearer.js';
import { AppConfig } from '../config/app-config.js';
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
  constructor(
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
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
      metrics.beginScrape();
      const text = await metrics.registry.metrics();
      return reply.header('content-type', metrics.registry.contentType).send(text);
    });
  }

  private registerCollectors(): void {
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
