import { Global, Module } from '@nestjs/common';
import { JobQueue } from './job-queue.service.js';
import { RetentionService } from './retention.service.js';

/** Global: mail, webhooks, uploads and schedulers all enqueue through the one JobQueue. */
@Global()
@Module({ providers: [JobQueue, RetentionService], exports: [JobQueue, RetentionService] })
export class JobsModule {}
