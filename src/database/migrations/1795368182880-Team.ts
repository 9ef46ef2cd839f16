import { MigrationInterface, QueryRunner } from 'typeorm';

export class Team1795368182880 implements MigrationInterface {
  name = 'Team1795368182880';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "email" character varying(320) NOT NULL, "role" character varying(20) NOT NULL, "token_hash" character varying(64) NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'pending', "email_dispatch_status" character varying(20) NOT NULL DEFAULT 'queued', "email_dispatched_at" TIMESTAMP WITH TIME ZONE, "invited_by_type" character varying(10) NOT NULL, "invited_by_id" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "accepted_at" TIMESTAMP WITH TIME ZONE, "accepted_by_user_id" uuid, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "invitations_invited_by_type_check" CHECK ("invited_by_type" IN ('user', 'api_key')), CONSTRAINT "invitations_email_dispatch_status_check" CHECK ("email_dispatch_status" IN ('queued', 'sent', 'failed')), CONSTRAINT "invitations_status_check" CHECK ("status" IN ('pending', 'accepted', 'revoked', 'expired')), CONSTRAINT "invitations_role_check" CHECK ("role" IN ('owner', 'admin', 'developer', 'viewer')), CONSTRAINT "PK_5dec98cfdfd562e4ad3648bbb07" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "invitations_tenant_created_idx" ON "invitations"  ("tenant_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "invitations_pending_email_key" ON "invitations"  ("tenant_id", "email") WHERE "status" = 'pending'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations"  ("token_hash") `,
    );
    await queryRunner.query(
      `ALTER TABLE "invitations" ADD CONSTRAINT "FK_290e75d606ba89eb421b8b5ec49" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invitations" DROP CONSTRAINT "FK_290e75d606ba89eb421b8b5ec49"`);
    await queryRunner.query(`DROP INDEX "public"."invitations_token_hash_key"`);
    await queryRunner.query(`DROP INDEX "public"."invitations_pending_email_key"`);
    await queryRunner.query(`DROP INDEX "public"."invitations_tenant_created_idx"`);
    await queryRunner.query(`DROP TABLE "invitations"`);
  }
}
