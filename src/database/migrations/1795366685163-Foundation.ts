import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795366685163 implements MigrationInterface {
  name = 'Foundation1795366685163';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "tenants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "plan" character varying(20) NOT NULL DEFAULT 'free', "status" character varying(20) NOT NULL DEFAULT 'active', "require_key_expiration" boolean NOT NULL DEFAULT false, "max_key_lifetime_days" integer, "allowed_ip_ranges" text array NOT NULL DEFAULT '{}', "session_ttl_minutes" integer NOT NULL DEFAULT '60', "webhook_signing_secret" character varying(100) NOT NULL, "custom_requests_per_minute" integer, "custom_search_per_minute" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "tenants_session_ttl_check" CHECK ("session_ttl_minutes" BETWEEN 5 AND 43200), CONSTRAINT "tenants_status_check" CHECK ("status" IN ('active', 'suspended')), CONSTRAINT "tenants_plan_check" CHECK ("plan" IN ('free', 'pro', 'scale', 'enterprise')), CONSTRAINT "PK_53be67a04681c66b87ee27c9321" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "projects" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6271df0a7aed1d6c0691ce6ac50" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "projects_tenant_name_key" ON "projects"  ("tenant_id", "name") `,
    );
    await queryRunner.query(
      `CREATE TABLE "environments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "project_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "kind" character varying(10) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "environments_kind_check" CHECK ("kind" IN ('live', 'test')), CONSTRAINT "PK_ec32d12469ec3c2f2f20c4f5e71" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "environments_tenant_idx" ON "environments"  ("tenant_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "environments_project_name_key" ON "environments"  ("project_id", "name") `,
    );
    await queryRunner.query(
      `CREATE TABLE "api_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "project_id" uuid NOT NULL, "environment_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "key_prefix" character varying(12) NOT NULL, "key_hash" character varying(64) NOT NULL, "scopes" text array NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by_type" character varying(10) NOT NULL, "created_by_id" uuid, "revoked_at" TIMESTAMP WITH TIME ZONE, "replaced_by_key_id" uuid, "grace_expires_at" TIMESTAMP WITH TIME ZONE, "rotation_interval_days" integer, "next_rotation_at" TIMESTAMP WITH TIME ZONE, "rotation_webhook_url" character varying(2048), "rate_limit_rpm" integer, CONSTRAINT "api_keys_rate_limit_check" CHECK ("rate_limit_rpm" IS NULL OR "rate_limit_rpm" > 0), CONSTRAINT "api_keys_rotation_interval_check" CHECK ("rotation_interval_days" IS NULL OR "rotation_interval_days" BETWEEN 1 AND 365), CONSTRAINT "api_keys_created_by_type_check" CHECK ("created_by_type" IN ('user', 'api_key', 'system')), CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "api_keys_next_rotation_idx" ON "api_keys"  ("next_rotation_at") WHERE "next_rotation_at" IS NOT NULL AND "revoked_at" IS NULL AND "replaced_by_key_id" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "api_keys_project_active_idx" ON "api_keys"  ("project_id") WHERE "revoked_at" IS NULL AND "replaced_by_key_id" IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX "api_keys_tenant_idx" ON "api_keys"  ("tenant_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"  ("key_hash") `);
    await queryRunner.query(
      `CREATE TABLE "audit_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seq" BIGSERIAL NOT NULL, "tenant_id" uuid, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "action" character varying(64) NOT NULL, "actor_type" character varying(10) NOT NULL, "actor_id" character varying(64), "target_type" character varying(32), "target_id" character varying(320), "ip" character varying(64), "user_agent" character varying(512), "metadata" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "UQ_6e299f5706e715265416fefe53e" UNIQUE ("seq"), CONSTRAINT "audit_events_actor_type_check" CHECK ("actor_type" IN ('user', 'api_key', 'system')), CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_events_tenant_action_idx" ON "audit_events"  ("tenant_id", "action", "seq") `,
    );
    await queryRunner.query(
      `CREATE INDEX "audit_events_tenant_seq_idx" ON "audit_events"  ("tenant_id", "seq") `,
    );
    await queryRunner.query(
      `CREATE TABLE "login_failures" ("id" BIGSERIAL NOT NULL, "email" character varying(320) NOT NULL, "ip" character varying(64) NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8211e8ec810fd7f976b98ce97a0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "login_failures_lookup_idx" ON "login_failures"  ("email", "ip", "occurred_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(320) NOT NULL, "password_hash" character varying(100) NOT NULL, "display_name" character varying(100), "company" character varying(200), "token_version" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "users_email_key" ON "users"  ("email") `);
    await queryRunner.query(
      `CREATE TABLE "memberships" ("tenant_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" character varying(20) NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'active', "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "memberships_status_check" CHECK ("status" IN ('active', 'blocked')), CONSTRAINT "memberships_role_check" CHECK ("role" IN ('owner', 'admin', 'developer', 'viewer')), CONSTRAINT "PK_7496a942c4958ee034f803461e8" PRIMARY KEY ("tenant_id", "user_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "memberships_user_idx" ON "memberships"  ("user_id") `);
    await queryRunner.query(
      `ALTER TABLE "projects" ADD CONSTRAINT "FK_7393a03ef67e2ea91b81faa95dd" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "environments" ADD CONSTRAINT "FK_e6abd34366a5d759985d0677616" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "FK_f5de07dbb229225e2be643ff3d0" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "FK_481ca7cc5ed7ece012152bef73c" FOREIGN KEY ("environment_id") REFERENCES "environments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "memberships" ADD CONSTRAINT "FK_a9c14741084d57ac0ec0cb52af3" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "memberships" ADD CONSTRAINT "FK_7c1e2fdfed4f6838e0c05ae5051" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "memberships" DROP CONSTRAINT "FK_7c1e2fdfed4f6838e0c05ae5051"`);
    await queryRunner.query(`ALTER TABLE "memberships" DROP CONSTRAINT "FK_a9c14741084d57ac0ec0cb52af3"`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "FK_481ca7cc5ed7ece012152bef73c"`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "FK_f5de07dbb229225e2be643ff3d0"`);
    await queryRunner.query(`ALTER TABLE "environments" DROP CONSTRAINT "FK_e6abd34366a5d759985d0677616"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP CONSTRAINT "FK_7393a03ef67e2ea91b81faa95dd"`);
    await queryRunner.query(`DROP INDEX "public"."memberships_user_idx"`);
    await queryRunner.query(`DROP TABLE "memberships"`);
    await queryRunner.query(`DROP INDEX "public"."users_email_key"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."login_failures_lookup_idx"`);
    await queryRunner.query(`DROP TABLE "login_failures"`);
    await queryRunner.query(`DROP INDEX "public"."audit_events_tenant_seq_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_events_tenant_action_idx"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
    await queryRunner.query(`DROP INDEX "public"."api_keys_key_hash_key"`);
    await queryRunner.query(`DROP INDEX "public"."api_keys_tenant_idx"`);
    await queryRunner.query(`DROP INDEX "public"."api_keys_project_active_idx"`);
    await queryRunner.query(`DROP INDEX "public"."api_keys_next_rotation_idx"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
    await queryRunner.query(`DROP INDEX "public"."environments_project_name_key"`);
    await queryRunner.query(`DROP INDEX "public"."environments_tenant_idx"`);
    await queryRunner.query(`DROP TABLE "environments"`);
    await queryRunner.query(`DROP INDEX "public"."projects_tenant_name_key"`);
    await queryRunner.query(`DROP TABLE "projects"`);
    await queryRunner.query(`DROP TABLE "tenants"`);
  }
}
