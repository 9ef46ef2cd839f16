import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `collections.schema_version`: bumped by a trigger in the same transaction as any change to the
 * collection's record schemas. A search compiles its filters against schemas kept in memory and reads
 * this version in the same statement (same snapshot) as the records: the filters were right for the
 * records it found exactly when the two versions agree (SearchService). Unlike `search_version`, record
 * writes leave it alone, so busy collections keep their compiled schemas.
 */
export class SchemaVersion1795390000000 implements MigrationInterface {
  name = 'SchemaVersion1795390000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "collections" ADD "schema_version" bigint NOT NULL DEFAULT '0'`);
    // Immediate, per row: schema writes are single rows and rare. Deleting a collection cascades to its
    // schemas; the update then finds no row, which is right.
    await queryRunner.query(`
      CREATE FUNCTION collections_bump_schema_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE collections SET schema_version = schema_version + 1
         WHERE id = (CASE WHEN TG_OP = 'DELETE' THEN OLD.collection_id ELSE NEW.collection_id END);
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(
      `CREATE TRIGGER record_schemas_schema_version AFTER INSERT OR UPDATE OR DELETE ON record_schemas
         FOR EACH ROW EXECUTE FUNCTION collections_bump_schema_version()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER record_schemas_schema_version ON record_schemas`);
    await queryRunner.query(`DROP FUNCTION collections_bump_schema_version()`);
    await queryRunner.query(`ALTER TABLE "collections" DROP COLUMN "schema_version"`);
  }
}
