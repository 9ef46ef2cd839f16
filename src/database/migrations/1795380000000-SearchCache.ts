import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search result caching and a leaner full-text index.
 *
 * - `collections.search_version`: bumped by triggers in the same transaction as any change to a
 *   collection's records, word dictionary or record schemas (filters are compiled against them), so a
 *   cached search result is valid exactly as long as the version it was computed at is current
 *   (SearchCache). A trigger, so no write path can forget it, including future ones; the bump itself
 *   runs once per transaction and collection, at commit.
 * - The GIN index over `search_vector` becomes partial (indexed, not staged): it is only ever used by
 *   searches, which ask for exactly those rows, so PostgreSQL no longer checks the two conditions on
 *   every matching row (~10 % of a broad search), and staged or failed rows stay out of it.
 */
export class SearchCache1795380000000 implements MigrationInterface {
  name = 'SearchCache1795380000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "collections" ADD "search_version" bigint NOT NULL DEFAULT '0'`);
    // Deferred to commit, and once per transaction and collection: the row lock on the collection is
    // then held only while committing. Taken at the first write, it would serialise a transaction's
    // whole life against every other writer of the collection (and deadlock the upload pipeline,
    // which orders the commits of its two chunks in flight itself).
    await queryRunner.query(`
      CREATE FUNCTION collections_bump_search_version() RETURNS trigger LANGUAGE plpgsql AS $$
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
    await queryRunner.query(
      `CREATE CONSTRAINT TRIGGER records_search_version AFTER INSERT OR UPDATE OR DELETE ON records
         DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION collections_bump_search_version()`,
    );
    await queryRunner.query(
      `CREATE CONSTRAINT TRIGGER collection_words_search_version AFTER INSERT ON collection_words
         DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION collections_bump_search_version()`,
    );
    await queryRunner.query(
      `CREATE CONSTRAINT TRIGGER record_schemas_search_version AFTER INSERT OR UPDATE OR DELETE ON record_schemas
         DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION collections_bump_search_version()`,
    );
    await queryRunner.query(`DROP INDEX "public"."records_search_vector_idx"`);
    await queryRunner.query(
      `CREATE INDEX "records_search_vector_idx" ON "records" USING gin ("search_vector")
        WHERE indexing_status = 'indexed' AND pending_upload_id IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."records_search_vector_idx"`);
    await queryRunner.query(
      `CREATE INDEX "records_search_vector_idx" ON "records" USING gin ("search_vector")`,
    );
    await queryRunner.query(`DROP TRIGGER record_schemas_search_version ON record_schemas`);
    await queryRunner.query(`DROP TRIGGER collection_words_search_version ON collection_words`);
    await queryRunner.query(`DROP TRIGGER records_search_version ON records`);
    await queryRunner.query(`DROP FUNCTION collections_bump_search_version()`);
    await queryRunner.query(`ALTER TABLE "collections" DROP COLUMN "search_version"`);
  }
}
