import { Global, Module } from '@nestjs/common';
import { MetricsEndpoint } from './metrics-endpoint.service.js';
import { Metrics } from './metrics.service.js';

/** Global: the services that count things (auth, rate limits, jobs, uploads, search, webhooks) inject Metrics. */
@Global()
@Module({ providers: [Metrics, MetricsEndpoint], exports: [Metrics] })
export class MetricsModule {}
