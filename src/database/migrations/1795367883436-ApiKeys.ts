import { MigrationInterface, QueryRunner } from 'typeorm';

export class ApiKeys1795367883436 implements MigrationInterface {
  name = 'ApiKeys1795367883436';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "api_key_webhook_deliveries" ("id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "old_key_id" uuid NOT NULL, "new_key_id" uuid NOT NULL, "url" character varying(2048) NOT NULL, "sealed_body" text, "status" character varying(16) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "last_status_code" integer, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "api_key_webhook_deliveries_status_check" CHECK ("status" IN ('pending', 'delivered', 'failed')), CONSTRAINT "PK_60c97f9adef6118b1eacaa260e7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "api_key_webhook_deliveries_tenant_idx" ON "api_key_webhook_deliveries"  ("tenant_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "api_key_daily_usage" ("key_id" uuid NOT NULL, "day" date NOT NULL, "tenant_id" uuid NOT NULL, "requests" bigint NOT NULL DEFAULT '0', "rejected" bigint NOT NULL DEFAULT '0', CONSTRAINT "api_key_daily_usage_counts_check" CHECK ("requests" >= 0 AND "rejected" >= 0), CONSTRAINT "PK_c7071bbf7d24de3958b2fcdd106" PRIMARY KEY ("key_id", "day"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "api_key_daily_usage_tenant_idx" ON "api_key_daily_usage"  ("tenant_id", "day") `,
    );
    await queryRunner.query(
      `CREATE INDEX "api_keys_replaced_by_idx" ON "api_keys"  ("replaced_by_key_id") WHERE "replaced_by_key_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_key_webhook_deliveries" ADD CONSTRAINT "FK_2df10b7fc9baf78e226c50b24b5" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_key_daily_usage" ADD CONSTRAINT "FK_f1fa598ba4b3d6890da2ed4ba73" FOREIGN KEY ("key_id") REFERENCES "api_keys"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "api_key_daily_usage" DROP CONSTRAINT "FK_f1fa598ba4b3d6890da2ed4ba73"`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_key_webhook_deliveries" DROP CONSTRAINT "FK_2df10b7fc9baf78e226c50b24b5"`,
    );
    await queryRunner.query(`DROP INDEX "public"."api_keys_replaced_by_idx"`);
    await queryRunner.query(`DROP INDEX "public"."api_key_daily_usage_tenant_idx"`);
    await queryRunner.query(`DROP TABLE "api_key_daily_usage"`);
    await queryRunner.query(`DROP INDEX "public"."api_key_webhook_deliveries_tenant_idx"`);
    await queryRunner.query(`DROP TABLE "api_key_webhook_deliveries"`);
  }
}
