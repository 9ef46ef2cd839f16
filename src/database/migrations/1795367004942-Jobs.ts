import { MigrationInterface, QueryRunner } from 'typeorm';

export class Jobs1795367004942 implements MigrationInterface {
  name = 'Jobs1795367004942';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "jobs" ("id" BIGSERIAL NOT NULL, "queue" character varying(64) NOT NULL, "payload" jsonb NOT NULL DEFAULT '{}', "status" character varying(16) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "max_attempts" integer NOT NULL DEFAULT '5', "run_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "locked_until" TIMESTAMP WITH TIME ZONE, "last_error" text, "singleton_key" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "jobs_status_check" CHECK ("status" IN ('pending', 'running', 'completed', 'failed')), CONSTRAINT "PK_cf0a6c42b72fcc7f7c237def345" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "jobs_singleton_key" ON "jobs"  ("queue", "singleton_key") WHERE "singleton_key" IS NOT NULL AND "status" IN ('pending', 'running')`,
    );
    await queryRunner.query(
      `CREATE INDEX "jobs_due_idx" ON "jobs"  ("queue", "run_at") WHERE "status" IN ('pending', 'running')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."jobs_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."jobs_singleton_key"`);
    await queryRunner.query(`DROP TABLE "jobs"`);
  }
}
