import { Global, Module } from '@nestjs/common';
import { JobsRepository } from './jobs.repository.js';
import { JobQueue } from './job-queue.service.js';
import { JobQueueMetrics } from './job-queue-metrics.js';
import { RetentionService } from './retention.service.js';

/** Global: mail, webhooks, uploads and schedulers all enqueue through the one JobQueue. */
@Global()
@Module({
  providers: [JobQueue, JobQueueMetrics, JobsRepository, RetentionService],
  exports: [JobQueue, JobsRepository, RetentionService],
})
export class JobsModule {}
