import type { DataSource, EntityManager } from 'typeorm';

/**
 * What a repository method runs its statements on: the transaction's EntityManager inside a
 * transaction, the DataSource outside one. Always passed, never defaulted (README "Data access").
 */
export type Db = DataSource | EntityManager;

/**
 * Runs raw SQL and answers its rows. TypeORM answers `[rows, rowCount]` for UPDATE/DELETE but bare
 * rows otherwise; this hides the difference (e.g. for UPDATE … RETURNING).
 */
export async function queryRows<T>(db: Db, sql: string, params: unknown[] = []): Promise<T[]> {
  const result: unknown = await db.query(sql, params);
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}
