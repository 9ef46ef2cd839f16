import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const JOB_STATUSES = ['pending', 'running', 'completed', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * A durable background job. Workers claim due rows with FOR UPDATE SKIP LOCKED and hold them for a
 * lease; a job whose worker died is claimed again once its lease ends (handlers are idempotent).
 */
@Entity('jobs')
@Check('jobs_status_check', `"status" IN ('pending', 'running', 'completed', 'failed')`)
@Index('jobs_due_idx', ['queue', 'runAt'], { where: `"status" IN ('pending', 'running')` })
@Index('jobs_singleton_key', ['queue', 'singletonKey'], {
  unique: true,
  where: `"singleton_key" IS NOT NULL AND "status" IN ('pending', 'running')`,
})
export class Job {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  queue!: string;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  payload!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: JobStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'max_attempts', type: 'int', default: 5 })
  maxAttempts!: number;

  @Column({ name: 'run_at', type: 'timestamptz', default: () => 'now()' })
  runAt!: Date;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** At most one pending/running job per (queue, singleton_key). */
  @Column({ name: 'singleton_key', type: 'varchar', length: 200, nullable: true })
  singletonKey!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
