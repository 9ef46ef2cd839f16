import { MigrationInterface, QueryRunner } from 'typeorm';

export class WebhookEndpoints1796417943699 implements MigrationInterface {
  name = 'WebhookEndpoints1796417943699';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "webhook_endpoints" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "url" character varying(2048) NOT NULL, "events" text array NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "disabled_reason" character varying(16), "disabled_at" TIMESTAMP WITH TIME ZONE, "failing_since" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "webhook_endpoints_disabled_reason_check" CHECK ("disabled_reason" IS NULL OR "disabled_reason" IN ('gone', 'failing')), CONSTRAINT "PK_054c4cfb95223732f5939d2d546" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "webhook_endpoints_tenant_idx" ON "webhook_endpoints"  ("tenant_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_event_deliveries" ("id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "endpoint_id" uuid NOT NULL, "event_type" character varying(40) NOT NULL, "sealed_body" text, "status" character varying(16) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "last_status_code" integer, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_attempt_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "webhook_event_deliveries_status_check" CHECK ("status" IN ('pending', 'delivered', 'failed')), CONSTRAINT "PK_ba23dc3e4eb4b5ea705f00cea61" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "webhook_event_deliveries_endpoint_idx" ON "webhook_event_deliveries"  ("endpoint_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_event_marks" ("tenant_id" uuid NOT NULL, "mark" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2bd201861dcf20096b11898078a" PRIMARY KEY ("tenant_id", "mark"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "FK_54847f2dacee9618585993f1474" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_event_deliveries" ADD CONSTRAINT "FK_6c48c3d0e2e1cf76aad0dd0b885" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_event_marks" ADD CONSTRAINT "FK_28332413562f410be6b29b8184a" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "webhook_event_marks" DROP CONSTRAINT "FK_28332413562f410be6b29b8184a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_event_deliveries" DROP CONSTRAINT "FK_6c48c3d0e2e1cf76aad0dd0b885"`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_endpoints" DROP CONSTRAINT "FK_54847f2dacee9618585993f1474"`,
    );
    await queryRunner.query(`DROP TABLE "webhook_event_marks"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_event_deliveries_endpoint_idx"`);
    await queryRunner.query(`DROP TABLE "webhook_event_deliveries"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_endpoints_tenant_idx"`);
    await queryRunner.query(`DROP TABLE "webhook_endpoints"`);
  }
}
