import { MigrationInterface, QueryRunner } from 'typeorm';

export class Collections1795372143572 implements MigrationInterface {
  name = 'Collections1795372143572';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "collections" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "name" character varying(63) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_21c00b1ebbd41ba1354242c5c4e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "collections_tenant_name_key" ON "collections"  ("tenant_id", "name") `,
    );
    await queryRunner.query(
      `CREATE TABLE "collection_words" ("collection_id" uuid NOT NULL, "word" character varying(40) NOT NULL, CONSTRAINT "PK_6a32079eedaa1dc71d61d719e2e" PRIMARY KEY ("collection_id", "word"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "record_schemas" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "collection_id" uuid NOT NULL, "record_type" character varying(63) NOT NULL, "fields" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_22e46a56608e89f4ddc9be7b81c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "record_schemas_collection_type_key" ON "record_schemas"  ("collection_id", "record_type") `,
    );
    await queryRunner.query(
      `CREATE TABLE "uploads" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "collection_id" uuid NOT NULL, "record_type" character varying(63) NOT NULL, "mode" character varying(10) NOT NULL, "format" character varying(10) NOT NULL, "status" character varying(16) NOT NULL, "filename" character varying(255), "size_bytes" bigint NOT NULL DEFAULT '0', "rows_total" integer NOT NULL DEFAULT '0', "rows_done" integer NOT NULL DEFAULT '0', "rows_indexed" integer NOT NULL DEFAULT '0', "rows_failed" integer NOT NULL DEFAULT '0', "errors" jsonb NOT NULL DEFAULT '[]', "actor_type" character varying(10) NOT NULL, "actor_id" uuid, "ip" character varying(64), "user_agent" character varying(512), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uploads_format_check" CHECK ("format" IN ('csv', 'json', 'ndjson')), CONSTRAINT "uploads_mode_check" CHECK ("mode" IN ('append', 'upsert', 'replace')), CONSTRAINT "uploads_status_check" CHECK ("status" IN ('receiving', 'pending', 'processing', 'completed', 'failed')), CONSTRAINT "PK_d1781d1eedd7459314f60f39bd3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "uploads_receiving_idx" ON "uploads"  ("updated_at") WHERE "status" = 'receiving'`,
    );
    await queryRunner.query(
      `CREATE INDEX "uploads_active_replace_idx" ON "uploads"  ("collection_id") WHERE "mode" = 'replace' AND "status" IN ('receiving', 'pending', 'processing')`,
    );
    await queryRunner.query(
      `CREATE INDEX "uploads_collection_idx" ON "uploads"  ("tenant_id", "collection_id", "created_at") `,
    );
    await queryRunner.query(
      // Keyed by the current database (not the one the migration was generated on), as TypeORM's schema diff reads it.
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), current_schema(), $1, $2, $3, $4)`,
      [
        'records',
        'GENERATED_COLUMN',
        'search_vector',
        "setweight(to_tsvector('english'::regconfig, coalesce(\"name\", '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce(\"description\", '')), 'B') || setweight(to_tsvector('english'::regconfig, coalesce(\"search_text\", '')), 'C')",
      ],
    );
    await queryRunner.query(
      `CREATE TABLE "records" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seq" BIGSERIAL NOT NULL, "tenant_id" uuid NOT NULL, "collection_id" uuid NOT NULL, "record_type" character varying(63) NOT NULL, "external_id" character varying(255), "name" text NOT NULL, "description" text, "visibility" character varying(10) NOT NULL DEFAULT 'private', "indexing_status" character varying(12) NOT NULL DEFAULT 'pending', "indexing_error" text, "collection_data" jsonb NOT NULL DEFAULT '{}', "search_text" text NOT NULL DEFAULT '', "search_vector" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, coalesce("name", '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce("description", '')), 'B') || setweight(to_tsvector('english'::regconfig, coalesce("search_text", '')), 'C')) STORED NOT NULL, "pending_upload_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "records_indexing_status_check" CHECK ("indexing_status" IN ('pending', 'processing', 'indexed', 'failed')), CONSTRAINT "records_visibility_check" CHECK ("visibility" IN ('private', 'public')), CONSTRAINT "PK_188149422ee2454660abf1d5ee5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "records_pending_upload_idx" ON "records"  ("pending_upload_id") WHERE "pending_upload_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "records_staged_external_id_key" ON "records"  ("pending_upload_id", "external_id") WHERE "external_id" IS NOT NULL AND "pending_upload_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "records_external_id_key" ON "records"  ("collection_id", "record_type", "external_id") WHERE "external_id" IS NOT NULL AND "pending_upload_id" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "records_collection_seq_idx" ON "records"  ("collection_id", "seq") `,
    );
    await queryRunner.query(
      `CREATE TABLE "upload_chunks" ("upload_id" uuid NOT NULL, "seq" integer NOT NULL, "data" bytea NOT NULL, CONSTRAINT "PK_040c2baf928c1fcc7fd692f9415" PRIMARY KEY ("upload_id", "seq"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "usage_search_counts" ("tenant_id" uuid NOT NULL, "period" character varying(7) NOT NULL, "searches" bigint NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_808892cd95a3f3e1107be1570b0" PRIMARY KEY ("tenant_id", "period"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "usage_open_search_counts" ("tenant_id" uuid NOT NULL, "collection" character varying(63) NOT NULL, "period" character varying(7) NOT NULL, "open_searches" bigint NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_aebff27bf207c41afa315ae29c8" PRIMARY KEY ("tenant_id", "collection", "period"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "collections" ADD CONSTRAINT "FK_540dccbd82902e2d164ca91ca6d" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "collection_words" ADD CONSTRAINT "FK_b7966b9bae4467cb088288a37e3" FOREIGN KEY ("collection_id") REFERENCES "collections"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "record_schemas" ADD CONSTRAINT "FK_4e0df066fa229bb8ddca92de6f5" FOREIGN KEY ("collection_id") REFERENCES "collections"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "uploads" ADD CONSTRAINT "FK_525b2058c094a51da507488e2ff" FOREIGN KEY ("collection_id") REFERENCES "collections"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "records" ADD CONSTRAINT "FK_4b69b89752c60ab90299859501c" FOREIGN KEY ("collection_id") REFERENCES "collections"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "records" ADD CONSTRAINT "FK_798ee29b5f446d6d81950fd0d97" FOREIGN KEY ("pending_upload_id") REFERENCES "uploads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "upload_chunks" ADD CONSTRAINT "FK_75179a2c0860abdd300bd08d833" FOREIGN KEY ("upload_id") REFERENCES "uploads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "usage_search_counts" ADD CONSTRAINT "FK_b821cd03a161e8a6e561509d4e1" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "usage_open_search_counts" ADD CONSTRAINT "FK_7bbf3dd8b8e1fba99153e4c3f7a" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "usage_open_search_counts" DROP CONSTRAINT "FK_7bbf3dd8b8e1fba99153e4c3f7a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "usage_search_counts" DROP CONSTRAINT "FK_b821cd03a161e8a6e561509d4e1"`,
    );
    await queryRunner.query(`ALTER TABLE "upload_chunks" DROP CONSTRAINT "FK_75179a2c0860abdd300bd08d833"`);
    await queryRunner.query(`ALTER TABLE "records" DROP CONSTRAINT "FK_798ee29b5f446d6d81950fd0d97"`);
    await queryRunner.query(`ALTER TABLE "records" DROP CONSTRAINT "FK_4b69b89752c60ab90299859501c"`);
    await queryRunner.query(`ALTER TABLE "uploads" DROP CONSTRAINT "FK_525b2058c094a51da507488e2ff"`);
    await queryRunner.query(`ALTER TABLE "record_schemas" DROP CONSTRAINT "FK_4e0df066fa229bb8ddca92de6f5"`);
    await queryRunner.query(
      `ALTER TABLE "collection_words" DROP CONSTRAINT "FK_b7966b9bae4467cb088288a37e3"`,
    );
    await queryRunner.query(`ALTER TABLE "collections" DROP CONSTRAINT "FK_540dccbd82902e2d164ca91ca6d"`);
    await queryRunner.query(`DROP TABLE "usage_open_search_counts"`);
    await queryRunner.query(`DROP TABLE "usage_search_counts"`);
    await queryRunner.query(`DROP TABLE "upload_chunks"`);
    await queryRunner.query(`DROP INDEX "public"."records_collection_seq_idx"`);
    await queryRunner.query(`DROP INDEX "public"."records_external_id_key"`);
    await queryRunner.query(`DROP INDEX "public"."records_staged_external_id_key"`);
    await queryRunner.query(`DROP INDEX "public"."records_pending_upload_idx"`);
    await queryRunner.query(`DROP TABLE "records"`);
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = $1 AND "name" = $2 AND "database" = current_database() AND "schema" = current_schema() AND "table" = $3`,
      ['GENERATED_COLUMN', 'search_vector', 'records'],
    );
    await queryRunner.query(`DROP INDEX "public"."uploads_collection_idx"`);
    await queryRunner.query(`DROP INDEX "public"."uploads_active_replace_idx"`);
    await queryRunner.query(`DROP INDEX "public"."uploads_receiving_idx"`);
    await queryRunner.query(`DROP TABLE "uploads"`);
    await queryRunner.query(`DROP INDEX "public"."record_schemas_collection_type_key"`);
    await queryRunner.query(`DROP TABLE "record_schemas"`);
    await queryRunner.query(`DROP TABLE "collection_words"`);
    await queryRunner.query(`DROP INDEX "public"."collections_tenant_name_key"`);
    await queryRunner.query(`DROP TABLE "collections"`);
  }
}
