import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * README "Data access": every repository method takes the executor first (`db: Db`), and on a
 * tenant-owned table the tenant second (`tenant: TenantId`), unless its name says it crosses tenants.
 * This reads the sources, so a new method that forgets the tenant fails here as well as in review.
 */
const SRC = join(process.cwd(), 'src');
const CROSSING = /(ForWorker|ForOperator|AcrossTenants)$/;
/** Tables that belong to no tenant. */
const TENANTLESS = new Set(['UsersRepository', 'LoginFailuresRepository', 'JobsRepository']);
/**
 * Statements that create the tenant, or name it as data (an audit event may have no tenant), or read no
 * table at all (stemming a query's words).
 */
const EXEMPT = new Set(['TenantsRepository.insert', 'AuditRepository.insert', 'SearchRepository.stemWords']);
/** Statements on the table as a whole, reading or writing no tenant's rows (its sequence, its index). */
const TABLE_WIDE = new Set(['RecordsRepository.allocateSeqs', 'RecordsRepository.maintainAfterBulkLoad']);
/** Named prepared statements run on the pool, never in a transaction: their executor is the DataSource. */
const POOL_ONLY = new Set(['SearchRepository']);
function repositoryFiles(): string[] {
  return readdirSync(SRC, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(SRC, d.name))
        .filter((f) => f.endsWith('.repository.ts'))
        .map((f) => join(SRC, d.name, f)),
    );
}

/** `[Class.method, parameter list]` of each method of the repository classes in a file. */
function methods(source: string): [string, string][] {
  const found: [string, string][] = [];
  for (const cls of source.matchAll(/export class (\w+Repository) \{([\s\S]*?)\n\}/g)) {
    for (const m of cls[2].matchAll(/\n {2}(?:async )?(\w+)\(([\s\S]*?)\): /g)) {
      if (m[1] !== 'constructor') found.push([`${cls[1]}.${m[1]}`, m[2]]);
    }
  }
  return found;
}

describe('repository signatures', () => {
  const all = repositoryFiles().flatMap((file) => methods(readFileSync(file, 'utf8')));

  it('finds the repositories', () => {
    expect(all.length).toBeGreaterThan(50);
  });

  it('take the executor first, then the TenantId on tenant-owned tables', () => {
    const wrong = all.filter(([name, params]) => {
      const [cls, method] = name.split('.');
      const list = params.split(',').map((p) => p.trim());
      const executor = POOL_ONLY.has(cls) ? /^db: DataSource$/ : /^db: Db$/;
      if (!executor.test(list[0])) return true;
      if (TENANTLESS.has(cls) || EXEMPT.has(name) || TABLE_WIDE.has(name) || CROSSING.test(method)) {
        return false;
      }
      return !/^tenant: TenantId$/.test(list[1] ?? '');
    });
    expect(wrong.map(([name]) => name)).toEqual([]);
  });
});
