import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every tenant-owned table keyed by its tenant (docs/scale-out.md, src/database/distribution.ts):
 * primary keys and unique indexes include tenant_id, and a child's (parent_id, tenant_id) references its
 * parent's (id, tenant_id), so a record, upload, schema, word or chunk can never point at another
 * tenant's collection or upload. collection_words and upload_chunks gain tenant_id, copied from their
 * parent before it becomes NOT NULL. Rows whose tenant_id disagrees with their parent's cannot exist
 * (every writer copies it from the parent), so the composite foreign keys validate on existing data.
 */
export class TenantKeys1796429633587 implements MigrationInterface {
  name = 'TenantKeys1796429633587';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "collection_words" DROP CONSTRAINT "FK_b7966b9bae4467cb088288a37e3"`,
    );
    await queryRunner.query(`ALTER TABLE "record_schemas" DROP CONSTRAINT "FK_4e0df066fa229bb8ddca92de6f5"`);
    await queryRunner.query(`ALTER TABLE "uploads" DROP CONSTRAINT "FK_525b2058c094a51da507488e2ff"`);
    await queryRunner.query(`ALTER TABLE "records" DROP CONSTRAINT "FK_4b69b89752c60ab90299859501c"`);
    await queryRunner.query(`ALTER TABLE "records" DROP CONSTRAINT "FK_798ee29b5f446d6d81950fd0d97"`);
    await queryRunner.query(`ALTER TABLE "upload_chunks" DROP CONSTRAINT "FK_75179a2c0860abdd300bd08d833"`);
    await queryRunner.query(
      `ALTER TABLE "webhook_event_deliveries" DROP CONSTRAINT "FK_6c48c3d0e2e1cf76aad0dd0b885"`,
    );
    await queryRunner.query(`DROP INDEX "public"."record_schemas_collection_type_key"`);
    await queryRunner.query(`DROP INDEX "public"."records_staged_external_id_key"`);
    await queryRunner.query(`DROP INDEX "public"."records_external_id_key"`);
    await queryRunner.query(`ALTER TABLE "collection_words" ADD "tenant_id" uuid`);
    await queryRunner.query(
      `UPDATE "collection_words" w SET "tenant_id" = c."tenant_id" FROM "collections" c WHERE c."id" = w."collection_id"`,
    );
    await queryRunner.query(`ALTER TABLE "collection_words" ALTER COLUMN "tenant_id" SET NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "collection_words" DROP CONSTRAINT "PK_6a32079eedaa1dc71d61d719e2e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "collection_words" ADD CONSTRAINT "PK_d8f65da837ef7fc283d6e2c25d7" PRIMARY KEY ("collection_id", "word", "tenant_id")`,
    );
    await queryRunner.query(`ALTER TABLE "upload_chunks" ADD "tenant_id" uuid`);
    await queryRunner.query(
      `UPDATE "upload_chunks" ch SET "tenant_id" = u."tenant_id" FROM "uploads" u WHERE u."id" = ch."upload_id"`,
    );
    await queryRunner.query(`ALTER TABLE "upload_chunks" ALTER COLUMN "tenant_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "upload_chunks" DROP CONSTRAINT "PK_040c2baf928c1fcc7fd692f9415"`);
    await queryRunner.query(
      `ALTER TABLE "upload_chunks" ADD CONSTRAINT "PK_7906fd4190f4ecb91013ecc762c" PRIMARY KEY ("upload_id", "seq", "tenant_id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_key_webhook_deliveries" DROP CONSTRAINT "PK_60c97f9adef6118b1eacaa260e7"`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_key_webhook_deliveries" ADD CONSTRAINT "PK_1a26d4e8b52a5101996783c89ca" PRIMARY KEY ("id", "tenant_id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_key_daily_usage" DROP CONSTRAINT "PK_c7071bbf7d24de3958b2fcdd106"`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_key_daily_usage" ADD CONSTRAINT "PK_d7272768788e2f165d59e7f7d0a" PRIMARY KEY ("key_id", "day", "tenant_id")`,
    );
    await queryRunner.query(`ALTER TABLE "collections" DROP CONSTRAINT "PK_21c00b1ebbd41ba1354242c5c4e"`);
    await queryRunner.query(
      `ALTER TABLE "collections" ADD CONSTRAINT "PK_b59c13b0e5dc50ca3bfb5a2dc4f" PRIMARY KEY ("id", "tenant_id")`,
    );
    await queryRunner.query(`ALTER TABLE "record_schemas" DROP CONSTRAINT "PK_22e46a56608e89f4ddc9be7b81c"`);
    await queryRunner.query(
      `ALTER TABLE "record_schemas" ADD CONSTRAINT "PK_662cc155480fe0e4fd53816db54" PRIMARY KEY ("id", "tenant_id")`,
    );
    await queryRunner.query(`ALTER TABLE "uploads" DROP CONSTRAINT "PK_d1781d1eedd7459314f60f39bd3"`);
    await queryRunner.query(
      `ALTER TABLE "uploads" ADD CONSTRAINT "PK_893bd7944d3bd70b3d1585068c8" PRIMARY KEY ("id", "tenant_id")`,
    );
    await queryRunner.query(`ALTER TABLE "records" DROP CONSTRAINT "PK_188149422ee2454660abf1d5ee5"`);
    await queryRunner.query(
      `ALTER TABLE "records" ADD CONSTRAINT "PK_21f88fc610016e39b4cf045d000" PRIMARY KEY ("id", "tenant_id")`,
    );
    await queryRunner.query(`ALTER TABLE "login_failures" DROP CONSTRAINT "PK_8211e8ec810fd7f976b98ce97a0"`);
    await queryRunner.query(
      `ALTER TABLE "login_failures" ADD CONSTRAINT "PK_da0810f1565313e5121ea89e6ad" PRIMARY KEY ("id", "email")`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_endpoints" DROP CONSTRAINT "PK_054c4cfb95223732f5939d2d546"`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "PK_aaf5edad648c95c8e7060aebfba" PRIMARY KEY ("id", "tenant_id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_event_deliveries" DROP CONSTRAINT "PK_ba23dc3e4eb4b5ea705f00cea61"`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_event_deliveries" ADD CONSTRAINT "PK_e8061aa8cd1ff109f9bf78901d6" PRIMARY KEY ("id", "tenant_id")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "record_schemas_collection_type_key" ON "record_schemas"  ("tenant_id", "collection_id", "record_type") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "records_staged_external_id_key" ON "records"  ("tenant_id", "pending_upload_id", "external_id") WHERE "external_id" IS NOT NULL AND "pending_upload_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "records_external_id_key" ON "records"  ("tenant_id", "collection_id", "record_type", "external_id") WHERE "external_id" IS NOT NULL AND "pending_upload_id" IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "collection_words" ADD CONSTRAINT "FK_d8c4d855a0551085db9a75514ca" FOREIGN KEY ("collection_id", "tenant_id") REFERENCES "collections"("id","tenant_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "record_schemas" ADD CONSTRAINT "FK_07bb458fc3355900cb5a989401b" FOREIGN KEY ("collection_id", "tenant_id") REFERENCES "collections"("id","tenant_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "uploads" ADD CONSTRAINT "FK_60f913981dd9adeb00e03e894a6" FOREIGN KEY ("collection_id", "tenant_id") REFERENCES "collections"("id","tenant_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "records" ADD CONSTRAINT "FK_6828737973a65ead976703ca66f" FOREIGN KEY ("collection_id", "tenant_id") REFERENCES "collections"("id","tenant_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "records" ADD CONSTRAINT "FK_30e571009ac20ce67355bbff727" FOREIGN KEY ("pending_upload_id", "tenant_id") REFERENCES "uploads"("id","tenant_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "upload_chunks" ADD CONSTRAINT "FK_ec87fac28f89ef73c76b7c7fc71" FOREIGN KEY ("upload_id", "tenant_id") REFERENCES "uploads"("id","tenant_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_event_deliveries" ADD CONSTRAINT "FK_b2246280b29832ae4c3ac352db1" FOREIGN KEY ("endpoint_id", "tenant_id") REFERENCES "webhook_endpoints"("id","tenant_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    // The version triggers name the tenant too: on a cluster, the collection row they bump is then on
    // the node of the row that fired them (co-located), never another tenant's.
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION collections_bump_search_version() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        bumped text := coalesce(current_setting('cistern.search_bumped', true), '');
        target text := (CASE WHEN TG_OP = 'DELETE' THEN OLD.collection_id ELSE NEW.collection_id END)::text;
        tenant uuid := (CASE WHEN TG_OP = 'DELETE' THEN OLD.tenant_id ELSE NEW.tenant_id END);
      BEGIN
        IF position(target IN bumped) = 0 THEN
          UPDATE collections SET search_version = search_version + 1 WHERE id = target::uuid AND tenant_id = tenant;
          PERFORM set_config('cistern.search_bumped', bumped || target || ',', true);
        END IF;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION collections_bump_schema_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE collections SET schema_version = schema_version + 1
         WHERE id = (CASE WHEN TG_OP = 'DELETE' THEN OLD.collection_id ELSE NEW.collection_id END)
           AND tenant_id = (CASE WHEN TG_OP = 'DELETE' THEN OLD.tenant_id ELSE NEW.tenant_id END);
        RETURN NULL;
      END
      $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION collections_bump_search_version() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        bumped text := coalesce(current_setting('cistern.search_bumped', true), '');
        target text := (CASE WHEN TG_OP = 'DELETE' THEN OLD.collection_id ELSE NEW.collection_id END)::text;
      BEGIN
        IF position(target IN bumped) = 0 THEN
          UPDATE collections SET search_version = search_version + 1 WHERE id = target::uuid;
          PERFORM set_config('cistern.search_bumped', bumped || target || ',', true);
        END IF;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION collections_bump_schema_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE collections SET schema_version = schema_version + 1
         WHERE id = (CASE WHEN TG_OP = 'DELETE' THEN OLD.collection_id ELSE NEW.collection_id END);
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(
      `ALTER TABLE "webhook_event_deliveries" DROP CONSTRAINT "FK_b2246280b29832ae4c3ac352db1"`,
    );
    await queryRunner.query(`ALTER TABLE "upload_chunks" DROP CONSTRAINT "FK_ec87fac28f89ef73c76b7c7fc71"`);
    await queryRunner.query(`ALTER TABLE "records" DROP CONSTRAINT "FK_30e571009ac20ce67355bbff727"`);
    await queryRunner.query(`ALTER TABLE "records" DROP CONSTRAINT "FK_6828737973a65ead976703ca66f"`);
    await queryRunner.query(`ALTER TABLE "uploads" DROP CONSTRAINT "FK_60f913981dd9adeb00e03e894a6"`);
    await queryRunner.query(`ALTER TABLE "record_schemas" DROP CONSTRAINT "FK_07bb458fc3355900cb5a989401b"`);
    await queryRunner.query(
      `ALTER TABLE "collection_words" DROP CONSTRAINT "FK_d8c4d855a0551085db9a75514ca"`,
    );
    await queryRunner.query(`DROP INDEX "public"."records_external_id_key"`);
    await queryRunner.query(`DROP INDEX "public"."records_staged_external_id_key"`);
    await queryRunner.query(`DROP INDEX "public"."record_schemas_collection_type_key"`);
    await queryRunner.query(
      `ALTER TABLE "webhook_event_deliveries" DROP CONSTRAINT "PK_e8061aa8cd1ff109f9bf78901d6"`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_event_deliveries" ADD CONSTRAINT "PK_ba23dc3e4eb4b5ea705f00cea61" PRIMARY KEY ("id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_endpoints" DROP CONSTRAINT "PK_aaf5edad648c95c8e7060aebfba"`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "PK_054c4cfb95223732f5939d2d546" PRIMARY KEY ("id")`,
    );
    await queryRunner.query(`ALTER TABLE "login_failures" DROP CONSTRAINT "PK_da0810f1565313e5121ea89e6ad"`);
    await queryRunner.query(
      `ALTER TABLE "login_failures" ADD CONSTRAINT "PK_8211e8ec810fd7f976b98ce97a0" PRIMARY KEY ("id")`,
    );
    await queryRunner.query(`ALTER TABLE "records" DROP CONSTRAINT "PK_21f88fc610016e39b4cf045d000"`);
    await queryRunner.query(
      `ALTER TABLE "records" ADD CONSTRAINT "PK_188149422ee2454660abf1d5ee5" PRIMARY KEY ("id")`,
    );
    await queryRunner.query(`ALTER TABLE "uploads" DROP CONSTRAINT "PK_893bd7944d3bd70b3d1585068c8"`);
    await queryRunner.query(
      `ALTER TABLE "uploads" ADD CONSTRAINT "PK_d1781d1eedd7459314f60f39bd3" PRIMARY KEY ("id")`,
    );
    await queryRunner.query(`ALTER TABLE "record_schemas" DROP CONSTRAINT "PK_662cc155480fe0e4fd53816db54"`);
    await queryRunner.query(
      `ALTER TABLE "record_schemas" ADD CONSTRAINT "PK_22e46a56608e89f4ddc9be7b81c" PRIMARY KEY ("id")`,
    );
    await queryRunner.query(`ALTER TABLE "collections" DROP CONSTRAINT "PK_b59c13b0e5dc50ca3bfb5a2dc4f"`);
    await queryRunner.query(
      `ALTER TABLE "collections" ADD CONSTRAINT "PK_21c00b1ebbd41ba1354242c5c4e" PRIMARY KEY ("id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_key_daily_usage" DROP CONSTRAINT "PK_d7272768788e2f165d59e7f7d0a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_key_daily_usage" ADD CONSTRAINT "PK_c7071bbf7d24de3958b2fcdd106" PRIMARY KEY ("key_id", "day")`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_key_webhook_deliveries" DROP CONSTRAINT "PK_1a26d4e8b52a5101996783c89ca"`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_key_webhook_deliveries" ADD CONSTRAINT "PK_60c97f9adef6118b1eacaa260e7" PRIMARY KEY ("id")`,
    );
    await queryRunner.query(`ALTER TABLE "upload_chunks" DROP CONSTRAINT "PK_7906fd4190f4ecb91013ecc762c"`);
    await queryRunner.query(
      `ALTER TABLE "upload_chunks" ADD CONSTRAINT "PK_040c2baf928c1fcc7fd692f9415" PRIMARY KEY ("upload_id", "seq")`,
    );
    await queryRunner.query(`ALTER TABLE "upload_chunks" DROP COLUMN "tenant_id"`);
    await queryRunner.query(
      `ALTER TABLE "collection_words" DROP CONSTRAINT "PK_d8f65da837ef7fc283d6e2c25d7"`,
    );
    await queryRunner.query(
      `ALTER TABLE "collection_words" ADD CONSTRAINT "PK_6a32079eedaa1dc71d61d719e2e" PRIMARY KEY ("collection_id", "word")`,
    );
    await queryRunner.query(`ALTER TABLE "collection_words" DROP COLUMN "tenant_id"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "records_external_id_key" ON "records" USING btree ("collection_id", "record_type", "external_id") WHERE ((external_id IS NOT NULL) AND (pending_upload_id IS NULL))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "records_staged_external_id_key" ON "records" USING btree ("external_id", "pending_upload_id") WHERE ((external_id IS NOT NULL) AND (pending_upload_id IS NOT NULL))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "record_schemas_collection_type_key" ON "record_schemas" USING btree ("collection_id", "record_type") `,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_event_deliveries" ADD CONSTRAINT "FK_6c48c3d0e2e1cf76aad0dd0b885" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "upload_chunks" ADD CONSTRAINT "FK_75179a2c0860abdd300bd08d833" FOREIGN KEY ("upload_id") REFERENCES "uploads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "records" ADD CONSTRAINT "FK_798ee29b5f446d6d81950fd0d97" FOREIGN KEY ("pending_upload_id") REFERENCES "uploads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "records" ADD CONSTRAINT "FK_4b69b89752c60ab90299859501c" FOREIGN KEY ("collection_id") REFERENCES "collections"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "uploads" ADD CONSTRAINT "FK_525b2058c094a51da507488e2ff" FOREIGN KEY ("collection_id") REFERENCES "collections"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "record_schemas" ADD CONSTRAINT "FK_4e0df066fa229bb8ddca92de6f5" FOREIGN KEY ("collection_id") REFERENCES "collections"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "collection_words" ADD CONSTRAINT "FK_b7966b9bae4467cb088288a37e3" FOREIGN KEY ("collection_id") REFERENCES "collections"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }
}
