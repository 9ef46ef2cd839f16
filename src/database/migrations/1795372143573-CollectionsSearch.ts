import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search indexes the schema diff cannot express: GIN over the weighted search vector (full text), and a
 * trigram GIN over the collections' word dictionary (pg_trgm: misspelled query words are corrected
 * against it). pg_trgm is built into PGlite and ships with PostgreSQL's contrib.
 */
export class CollectionsSearch1795372143573 implements MigrationInterface {
  name = 'CollectionsSearch1795372143573';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE INDEX "records_search_vector_idx" ON "records" USING gin ("search_vector")`,
    );
    await queryRunner.query(
      `CREATE INDEX "collection_words_trgm_idx" ON "collection_words" USING gin ("word" gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."collection_words_trgm_idx"`);
    await queryRunner.query(`DROP INDEX "public"."records_search_vector_idx"`);
  }
}
