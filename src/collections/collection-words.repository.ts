import { Injectable } from '@nestjs/common';
import { queryRows, type Db } from '../common/sql.js';
import type { TenantId } from '../common/tenant-id.js';

/**
 * Every write to `collection_words`, a collection's dictionary (fuzzy search corrects query words
 * against it; the reads are part of the search statements in search.repository.ts).
 */
@Injectable()
export class CollectionWordsRepository {
  async add(db: Db, tenant: TenantId, collectionId: string, words: string[]): Promise<void> {
    if (words.length === 0) return;
    await queryRows(
      db,
      `INSERT INTO collection_words (tenant_id, collection_id, word)
       SELECT $1, $2, w FROM unnest($3::text[]) AS w ORDER BY w
       ON CONFLICT DO NOTHING`,
      [tenant, collectionId, words],
    );
  }
}
