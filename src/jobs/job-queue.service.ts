import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Metrics } from '../metrics/metrics.service.js';
import { HealthRegistry } from '../health/health.registry.js';
import { JobsRepository, type ClaimedJobRow } from './jobs.repository.js';

export interface JobContext {
  readonly id: string;
  readonly attempt: number;
  readonly maxAttempts: number;
  /** Aborted when the process shuts down: stop at a safe point and throw; the job runs again later. */
  readonly signal: AbortSignal;
  /** Extends the lease (long jobs call this between chunks). */
  heartbeat(): Promise<void>;
}

export interface WorkerOptions {
  /** Jobs of this queue run at once in this process. */
  concurrency?: number;
  /** Seconds a claimed job stays ours without a heartbeat. */
  leaseSeconds?: number;
  /** Retry delay: base × 2^(attempt-1), capped. */
  backoffBaseSeconds?: number;
  backoffMaxSeconds?: number;
  /** Called once when a job fails for the last time (attempts exhausted). */
  onExhausted?: (payload: Record<string, unknown>, error: Error, manager: EntityManager) => Promise<void>;
}

export interface EnqueueOptions {
  runAt?: Date;
  maxAttempts?: number;
  /** At most one pending/running job with this key per queue; a duplicate enqueue is a no-op (null). */
  singletonKey?: string;
  /** Enqueue inside the caller's transaction (required inside one: PGlite has a single session). */
  manager?: EntityManager;
}

/** What /health details and /metrics say about the queue. */
export interface QueueStats {
  /** Jobs waiting (due now or later, retries included) or running. */
  depth: number;
  running: number;
  /** Seconds the longest-waiting due job has waited to be picked up (0: none waiting). */
  oldestPendingAgeSeconds: number;
  byQueue: { queue: string; pending: number; running: number; oldestPendingAgeSeconds: number }[];
}

type Handler = (payload: Record<string, unknown>, context: JobContext) => Promise<void>;

interface Worker {
  handler: Handler;
  options: Required<Omit<WorkerOptions, 'onExhausted'>> & Pick<WorkerOptions, 'onExhausted'>;
  running: number;
}

type ClaimedJob = ClaimedJobRow;

const POLL_MS = 250;
const IDLE_POLL_MS = 1000;

export function backoffSeconds(attempt: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, attempt - 1));
}

/**
 * The durable queue on the application's own database (PostgreSQL or PGlite): a `jobs` table
 * claimed with FOR UPDATE SKIP LOCKED, so several instances share the work and each job runs once
 * at a time. Retries back off exponentially and survive restarts.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('JobQueue');
  private readonly workers = new Map<string, Worker>();
  private readonly abort = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private stopped = true;
  private lastPollError: Error | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly health: HealthRegistry,
    private readonly metrics: Metrics,
    private readonly jobs: JobsRepository,
  ) {}

  /** The queues this process works (their names are the application's own constants). */
  registeredQueues(): ReadonlySet<string> {
    return new Set(this.workers.keys());
  }

  /** Registers the handler of a queue; workers start when the application has booted. */
  work(queue: string, handler: Handler, options: WorkerOptions = {}): void {
    this.workers.set(queue, {
      handler,
      running: 0,
      options: {
        concurrency: options.concurrency ?? 1,
        leaseSeconds: options.leaseSeconds ?? 60,
        backoffBaseSeconds: options.backoffBaseSeconds ?? 2,
        backoffMaxSeconds: options.backoffMaxSeconds ?? 3600,
        onExhausted: options.onExhausted,
      },
    });
  }

  async enqueue(
    queue: string,
    payload: Record<string, unknown>,
    options: EnqueueOptions = {},
  ): Promise<string | null> {
    const manager = options.manager ?? this.dataSource.manager;
    const id = await this.jobs.insert(manager, {
      queue,
      payload,
      runAt: options.runAt ?? null,
      maxAttempts: options.maxAttempts ?? 5,
      singletonKey: options.singletonKey ?? null,
    });
    if (!options.manager) this.wake();
    return id;
  }

  /** Poll soon (after a commit that enqueued work). */
  wake(): void {
    if (this.stopped) return;
    this.schedule(10);
  }

  /** One indexed read (the partial index of pending/running jobs): never the finished rows. */
  async stats(now: Date = new Date()): Promise<QueueStats> {
    const rows = await this.jobs.countsByQueue(this.dataSource, now);
    const age = (oldest: Date | null) =>
      oldest ? Math.max(0, Math.round((now.getTime() - new Date(oldest).getTime()) / 1000)) : 0;
    const byQueue = rows.map((r) => ({
      queue: r.queue,
      pending: r.pending,
      running: r.running,
      oldestPendingAgeSeconds: age(r.oldest),
    }));
    return {
      depth: byQueue.reduce((n, q) => n + q.pending + q.running, 0),
      running: byQueue.reduce((n, q) => n + q.running, 0),
      oldestPendingAgeSeconds: byQueue.reduce((n, q) => Math.max(n, q.oldestPendingAgeSeconds), 0),
      byQueue,
    };
  }

  onApplicationBootstrap(): void {
    this.health.register('queue', async () => (this.stopped ? 'down' : this.lastPollError ? 'down' : 'ok'));
    this.health.registerDetails('queue', async () => {
      const stats = await this.stats();
      return {
        depth: stats.depth,
        running: stats.running,
        oldest_pending_age_seconds: stats.oldestPendingAgeSeconds,
      };
    });
    this.stopped = false;
    this.schedule(POLL_MS);
  }

  /**
   * Before any module's onApplicationShutdown: the database is still open, so interrupted jobs are
   * released for the next start (the DataSource closes in DatabaseHandle.onApplicationShutdown).
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.abort.abort();
    // Handlers stop at their next safe point; their jobs are released for another run.
    const deadline = new Promise((resolve) => setTimeout(resolve, 5000).unref());
    await Promise.race([Promise.allSettled([...this.inFlight]), deadline]);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.poll(), ms);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    if (this.polling || this.stopped) return;
    this.polling = true;
    let claimed = 0;
    try {
      for (const [queue, worker] of this.workers) {
        const free = worker.options.concurrency - worker.running;
        if (free <= 0) continue;
        const jobs = await this.claim(queue, free, worker.options.leaseSeconds);
        claimed += jobs.length;
        for (const job of jobs) this.run(worker, job);
      }
      this.lastPollError = null;
    } catch (error) {
      if (!this.lastPollError) this.logger.warn(`polling jobs failed: ${(error as Error).message}`);
      this.lastPollError = error as Error;
    } finally {
      this.polling = false;
      this.schedule(claimed > 0 ? 0 : this.workers.size > 0 ? POLL_MS : IDLE_POLL_MS);
    }
  }

  private claim(queue: string, limit: number, leaseSeconds: number): Promise<ClaimedJob[]> {
    return this.jobs.claim(this.dataSource, queue, limit, leaseSeconds);
  }

  private run(worker: Worker, job: ClaimedJob): void {
    worker.running++;
    const context: JobContext = {
      id: job.id,
      attempt: job.attempts,
      maxAttempts: job.max_attempts,
      signal: this.abort.signal,
      heartbeat: async () => {
        await this.jobs.extendLease(this.dataSource, job.id, worker.options.leaseSeconds);
      },
    };
    const task = (async () => {
      try {
        await worker.handler(job.payload, context);
        await this.jobs.complete(this.dataSource, job.id);
      } catch (error) {
        await this.failed(worker, job, error as Error).catch((e: unknown) =>
          this.logger.error(`recording the failure of job ${job.id} failed: ${(e as Error).message}`),
        );
      } finally {
        worker.running--;
        this.wake();
      }
    })();
    this.inFlight.add(task);
    void task.finally(() => this.inFlight.delete(task));
  }

  private async failed(worker: Worker, job: ClaimedJob, error: Error): Promise<void> {
    const message = (error?.message ?? String(error)).slice(0, 2000);
    if (this.abort.signal.aborted) {
      // Interrupted by shutdown: give the attempt back and let the next start pick it up.
      await this.jobs.release(this.dataSource, job.id);
      return;
    }
    const final = job.attempts >= job.max_attempts;
    this.metrics.jobFailed(job.queue, final);
    if (final) {
      this.logger.warn(
        `job ${job.id} (${job.queue}) failed for good after ${job.attempts} attempts: ${message}`,
      );
      await this.dataSource.transaction(async (manager) => {
        await this.jobs.fail(manager, job.id, message);
        if (worker.options.onExhausted) await worker.options.onExhausted(job.payload, error, manager);
      });
      return;
    }
    const delay = backoffSeconds(
      job.attempts,
      worker.options.backoffBaseSeconds,
      worker.options.backoffMaxSeconds,
    );
    this.logger.debug(
      `job ${job.id} (${job.queue}) attempt ${job.attempts} failed, retry in ${delay}s: ${message}`,
    );
    await this.jobs.retryLater(this.dataSource, job.id, message, delay);
  }
}
