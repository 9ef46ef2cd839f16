import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The full-text index of searches becomes an index of **search keys** (issue 16), the same on
 * PostgreSQL and on the embedded PGlite:
 *
 * - every word of a record, scoped by its collection: `c06a01f6-c7ec.bear` (the first 13 characters
 *   of the collection id, a dot, the lexeme). A search reads only its own collection's postings of its
 *   own words: no intersection with a list of all of the collection's records (the btree_gin key of
 *   CollectionSearchIndex cost ~0.4 ms per two-word search over 100,000 records, more the more
 *   matches), and the embedded database is now isolated by collection too;
 * - the words of the record's name again, as `c06a01f6-c7ec*bear`: the records whose name holds every
 *   searched word are ranked first (SearchRepository), and this finds them without reading the others;
 * - the collection alone (`c06a01f6-c7ec`), for queries that only exclude words (`-housing`);
 * - for public records, the same under the scope `~` (`~.bear`, `~*bear`, `~`): open search.
 *
 * Keys are lossy by design — two collections whose ids share 13 characters share keys, words longer
 * than 500 characters are cut — and every search checks each candidate against the record itself
 * (collection, `search_vector @@ query`), so answers are exact; the keys only decide what is read.
 * Positions are not kept (GIN keeps none), so phrases are checked on the record too.
 *
 * The function is PL/pgSQL (~10 µs a record at insert): the keys are built with string and array
 * functions of pg_catalog only (maintenance commands run index expressions with a restricted
 * search_path). Tokens are joined with spaces, which no lexeme contains. `text_bytes` is the length of
 * the record's texts: only records with over 2,000 bytes of text can hold a lexeme long enough to
 * overflow a lexeme once prefixed (2,047 bytes at most), and only theirs pay for the cut.
 *
 * Queries are turned into keys by the search statements themselves (SearchRepository `keysOf`).
 */
const KEYS_FUNCTION = `
  CREATE FUNCTION search_keys(vector tsvector, collection uuid, public boolean, text_bytes integer)
  RETURNS tsvector LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
  DECLARE
    scope text := left(collection::text, 13);
    words text[] := tsvector_to_array(vector);
    name_words text[] := tsvector_to_array(ts_filter(vector, '{a}'));
    keys text;
  BEGIN
    keys := scope || ' ' || scope || '.' || array_to_string(words, ' ' || scope || '.')
         || ' ' || scope || '*' || array_to_string(name_words, ' ' || scope || '*');
    IF public THEN
      keys := keys || ' ~ ~.' || array_to_string(words, ' ~.') || ' ~*' || array_to_string(name_words, ' ~*');
    END IF;
    IF text_bytes > 2000 THEN
      keys := regexp_replace(keys, '([^ ]{250}[^ ]{250})[^ ]+', '\\1', 'g');
    END IF;
    RETURN array_to_tsvector(string_to_array(keys, ' '));
  END
  $$`;

/** The indexed expression; the search statements repeat it exactly (SearchRepository). */
const KEYS_EXPRESSION = `search_keys("search_vector", "collection_id", "visibility" = 'public', octet_length("name") + octet_length(coalesce("description", '')) + octet_length("search_text"))`;

async function isPglite(queryRunner: QueryRunner): Promise<boolean> {
  const [{ version }] = (await queryRunner.query(`SELECT version() AS version`)) as { version: string }[];
  return version.includes('PGlite');
}

export class SearchKeys1795410000000 implements MigrationInterface {
  name = 'SearchKeys1795410000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(KEYS_FUNCTION);
    await queryRunner.query(
      `CREATE INDEX "records_search_keys_idx" ON "records" USING gin ((${KEYS_EXPRESSION}))
        WHERE indexing_status = 'indexed' AND pending_upload_id IS NULL`,
    );
    await queryRunner.query(`DROP INDEX "public"."records_search_idx"`);
    if (!(await isPglite(queryRunner))) await queryRunner.query(`DROP EXTENSION IF EXISTS btree_gin`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    if (await isPglite(queryRunner)) {
      await queryRunner.query(
        `CREATE INDEX "records_search_idx" ON "records" USING gin ("search_vector")
          WHERE indexing_status = 'indexed' AND pending_upload_id IS NULL`,
      );
    } else {
      await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
      await queryRunner.query(
        `CREATE INDEX "records_search_idx" ON "records" USING gin (("collection_id"::text), "search_vector")
          WHERE indexing_status = 'indexed' AND pending_upload_id IS NULL`,
      );
    }
    await queryRunner.query(`DROP INDEX "public"."records_search_keys_idx"`);
    await queryRunner.query(`DROP FUNCTION search_keys(tsvector, uuid, boolean, integer)`);
  }
}
