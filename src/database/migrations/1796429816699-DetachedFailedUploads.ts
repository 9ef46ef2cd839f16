import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20: an unparseable file changes nothing, not even the collection its request created. That
 * collection is dropped while the failed upload stays readable by id: such an upload is detached
 * (collection_id null) and keeps the collection's name.
 */
export class DetachedFailedUploads1796429816699 implements MigrationInterface {
  name = 'DetachedFailedUploads1796429816699';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "uploads" ADD "collection_name" character varying(63)`);
    await queryRunner.query(`ALTER TABLE "uploads" ALTER COLUMN "collection_id" DROP NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "uploads" ADD CONSTRAINT "uploads_collection_check" CHECK ("collection_id" IS NOT NULL OR ("collection_name" IS NOT NULL AND "status" = 'failed'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "uploads" WHERE "collection_id" IS NULL`);
    await queryRunner.query(`ALTER TABLE "uploads" DROP CONSTRAINT "uploads_collection_check"`);
    await queryRunner.query(`ALTER TABLE "uploads" ALTER COLUMN "collection_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "uploads" DROP COLUMN "collection_name"`);
  }
}
