import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search indexes the schema diff cannot express: GIN over the weighted search vector (full-text) and a
 * trigram GIN over record names (pg_trgm word similarity, so a misspelled query still finds a name).
 * pg_trgm is built into PGlite and ships with PostgreSQL's contrib.
 */
export class CollectionsSearch1795371479679 implements MigrationInterface {
  name = 'CollectionsSearch1795371479679';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE INDEX "records_search_vector_idx" ON "records" USING gin ("search_vector")`,
    );
    await queryRunner.query(
      `CREATE INDEX "records_name_trgm_idx" ON "records" USING gin ("name" gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."records_name_trgm_idx"`);
    await queryRunner.query(`DROP INDEX "public"."records_search_vector_idx"`);
  }
}
