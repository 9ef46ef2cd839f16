import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Metrics } from '../metrics/metrics.service.js';
import { JobQueue, type QueueStats } from './job-queue.service.js';

/**
 * The job queue's gauges on GET /metrics (depth, running, oldest pending age, by queue). Registered
 * from here rather than by the metrics endpoint, so that metrics/ does not depend on jobs/.
 */
@Injectable()
export class JobQueueMetrics implements OnModuleInit {
  private queueStats: ReturnType<JobQueue['stats']> | null = null;

  constructor(
    private readonly metrics: Metrics,
    private readonly queue: JobQueue,
  ) {}

  onModuleInit(): void {
    if (!this.metrics.enabled) return;
    this.metrics.onScrape(() => {
      this.queueStats = null;
    });
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
  }
}
