import { Injectable } from '@nestjs/common';

export type CheckState = 'ok' | 'down' | 'disabled';
export interface QueueDetails {
  depth: number;
  running: number;
  oldest_pending_age_seconds: number;
}
export type CheckName = 'database' | 'redis' | 'queue';

/** Modules that own a dependency (Redis, the job queue) register how to check it. */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<CheckName, () => Promise<CheckState>>();
  private readonly details = new Map<CheckName, () => Promise<QueueDetails>>();

  /** Figures shown under `details` in /health (only the queue has some). */
  registerDetails(name: 'queue', read: () => Promise<QueueDetails>): void {
    this.details.set(name, read);
  }

  /** The queue's figures, or null when unavailable (no queue, database down, too slow). */
  async readDetails(name: 'queue', timeoutMs: number): Promise<QueueDetails | null> {
    const read = this.details.get(name);
    if (!read) return null;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), timeoutMs);
    });
    try {
      return await Promise.race([read().catch(() => null), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  register(name: CheckName, check: () => Promise<CheckState>): void {
    this.checks.set(name, check);
  }

  async run(name: CheckName, timeoutMs: number): Promise<CheckState> {
    const check = this.checks.get(name);
    if (!check) return 'disabled';
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<CheckState>((resolve) => {
      timer = setTimeout(() => resolve('down'), timeoutMs);
    });
    try {
      return await Promise.race([check().catch((): CheckState => 'down'), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
