import { Global, Module } from '@nestjs/common';
import { JobQueue } from './job-queue.service.js';

/** Global: mail, webhooks, uploads and schedulers all enqueue through the one JobQueue. */
@Global()
@Module({ providers: [JobQueue], exports: [JobQueue] })
export class JobsModule {}
