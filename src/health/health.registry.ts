import { Injectable } from '@nestjs/common';

export type CheckState = 'ok' | 'down' | 'disabled';
export type CheckName = 'database' | 'redis' | 'queue';

/** Modules that own a dependency (Redis, the job queue) register how to check it. */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<CheckName, () => Promise<CheckState>>();

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
