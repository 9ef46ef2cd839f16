import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * fuzzystrmatch (`levenshtein_less_equal`): fuzzy search keeps, among the dictionary words that
 * resemble a misspelled query word by trigrams, only those fewest edits away (SearchRepository). Ships
 * with PostgreSQL's contrib and with PGlite.
 */
export class TypoDistance1795390000001 implements MigrationInterface {
  name = 'TypoDistance1795390000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS fuzzystrmatch`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP EXTENSION IF EXISTS fuzzystrmatch`);
  }
}
