import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The full-text index keyed by collection first (btree_gin: one GIN index over the collection id and
 * the vector). With the vector alone, a search found every collection's records holding its words and
 * dropped the other collections' afterwards: a tenant searching a few records for a common word read
 * every other tenant's matches for it (a 1-record collection, `seal` over a neighbour's 100,000
 * records: 10 ms of reading instead of 0.07 ms). And once many small collections existed, the generic
 * plan of a search read large collections through the (collection_id, seq) B-tree instead, testing
 * every record's vector (`seal` in 100,000 records: 65 ms instead of 20). The id is indexed in its text
 * form, which only the search statements use (SearchRepository): no other index can serve their
 * collection condition, so no plan can make that choice. Open search (no collection) uses the same
 * index by its vector alone. Same predicate as before (SearchCache), which the statements repeat
 * exactly.
 *
 * Not on the embedded PGlite (0.5): there, once pg_trgm's library is loaded in the session, loading
 * btree_gin's breaks pg_trgm (`'bearing' % 'bearng'` answers no row and the next statement never
 * returns), and the order in which a session loads them depends on what it does first. The embedded
 * database keeps the index on the vector alone (renamed alike); the search statements' collection
 * condition on the id's text still keeps the B-tree out of their plans.
 */
async function isPglite(queryRunner: QueryRunner): Promise<boolean> {
  const [{ version }] = (await queryRunner.query(`SELECT version() AS version`)) as { version: string }[];
  return version.includes('PGlite');
}

export class CollectionSearchIndex1795400000000 implements MigrationInterface {
  name = 'CollectionSearchIndex1795400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    if (await isPglite(queryRunner)) {
      await queryRunner.query(
        `ALTER INDEX "public"."records_search_vector_idx" RENAME TO "records_search_idx"`,
      );
      return;
    }
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    await queryRunner.query(`DROP INDEX "public"."records_search_vector_idx"`);
    await queryRunner.query(
      `CREATE INDEX "records_search_idx" ON "records" USING gin (("collection_id"::text), "search_vector")
        WHERE indexing_status = 'indexed' AND pending_upload_id IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    if (await isPglite(queryRunner)) {
      await queryRunner.query(
        `ALTER INDEX "public"."records_search_idx" RENAME TO "records_search_vector_idx"`,
      );
      return;
    }
    await queryRunner.query(`DROP INDEX "public"."records_search_idx"`);
    await queryRunner.query(
      `CREATE INDEX "records_search_vector_idx" ON "records" USING gin ("search_vector")
        WHERE indexing_status = 'indexed' AND pending_upload_id IS NULL`,
    );
    await queryRunner.query(`DROP EXTENSION IF EXISTS btree_gin`);
  }
}
