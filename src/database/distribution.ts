import type { DataSource, EntityManager } from 'typeorm';

/**
 * How Cistern's tables would be placed on a Citus cluster (docs/scale-out.md).
 *
 * The rule: a tenant-owned table has `tenant_id NOT NULL`, and its primary key, every unique index and
 * every foreign key include `tenant_id` (a foreign key to a reference table may leave it out). Such a
 * table is distributed by `tenant_id` and co-located with every other one, so each statement that names
 * its tenant runs on one node and joins and foreign keys stay inside that node.
 *
 * A table that does not follow the rule is named here, in this one list, with where it would go and why
 * the lookups it serves without a tenant stay one indexed lookup. `checkDistribution` (run against the
 * real catalog by test/foundation/distribution.e2e-spec.ts) fails on any other table breaking the rule,
 * and on a listed table whose keys contradict what the list says about it.
 */
export const TENANT_COLUMN = 'tenant_id';

export type Placement =
  /** Split into shards by this column (not `tenant_id`): every unique index must include it. */
  | { kind: 'distributed'; column: string }
  /** A full copy on every node: small, written rarely, read on hot paths or by a key that is not the tenant. */
  | { kind: 'reference' }
  /** Stays an ordinary table on the coordinator: work that crosses tenants by nature. */
  | { kind: 'coordinator' };

export interface OutsideTheTenantRule {
  table: string;
  placement: Placement;
  /** What is looked up without a tenant, and why that stays one indexed lookup. */
  lookup: string;
}

export const OUTSIDE_THE_TENANT_RULE: readonly OutsideTheTenantRule[] = [
  {
    table: 'tenants',
    placement: { kind: 'reference' },
    lookup:
      'The tenant itself (its id is every other table’s tenant_id). Joined to the API key on every key verification ' +
      '(plan, status, IP allow-list) and read by every portal request: as a reference table that join is local on ' +
      'every node, by primary key.',
  },
  {
    table: 'users',
    placement: { kind: 'reference' },
    lookup:
      'email → user at login and signup (unique users_email_key), id → user for each session: a person belongs to ' +
      'several tenants, so no tenant is known yet. A reference table answers both from its unique index on any node.',
  },
  {
    table: 'invitations',
    placement: { kind: 'reference' },
    lookup:
      'token hash → invitation when it is accepted, before the tenant is known (unique invitations_token_hash_key). ' +
      'Few rows, written only by a person inviting or accepting: one unique-index lookup on any node.',
  },
  {
    table: 'projects',
    placement: { kind: 'reference' },
    lookup:
      'Parent of environments and API keys, which are reference tables (a reference table may only reference ' +
      'reference tables). A handful per tenant, changed by a person in the portal.',
  },
  {
    table: 'environments',
    placement: { kind: 'reference' },
    lookup: 'Parent of API keys (see projects). A handful per project, changed by a person in the portal.',
  },
  {
    table: 'api_keys',
    placement: { kind: 'reference' },
    lookup:
      'key hash → key on every request with an API key, before the tenant is known (unique api_keys_key_hash_key), ' +
      'joined to its tenant: both reference tables, so verification stays one unique-index lookup plus a primary-key ' +
      'join on whichever node serves it (and the in-process key cache answers most requests without it). Writes are ' +
      'a person creating, rotating or revoking a key, the rotation scheduler, and last_used_at at most once a minute ' +
      'per key in one batched statement.',
  },
  {
    table: 'login_failures',
    placement: { kind: 'distributed', column: 'email' },
    lookup:
      'email + IP → recent failures when someone logs in, before any tenant is known: distributed by email, the ' +
      'throttle’s statements (all by email) go to one shard and read login_failures_lookup_idx.',
  },
  {
    table: 'audit_events',
    placement: { kind: 'coordinator' },
    lookup:
      'A failed login with an unknown email is audited with no tenant (tenant_id NULL), and seq is unique across ' +
      'the trail. A tenant’s trail is read by tenant_id (audit_events_tenant_seq_idx). To distribute it, the ' +
      'tenant-less events move to a table of their own and seq becomes unique per tenant.',
  },
  {
    table: 'jobs',
    placement: { kind: 'coordinator' },
    lookup:
      'Workers claim the next due job of a queue across all tenants (FOR UPDATE SKIP LOCKED on jobs_due_idx); a ' +
      'claim must stay one statement on one table, which a sharded table cannot offer. Payloads name the tenant.',
  },
  {
    table: 'typeorm_migrations',
    placement: { kind: 'coordinator' },
    lookup: 'Which migrations ran (TypeORM bookkeeping).',
  },
  {
    table: 'typeorm_metadata',
    placement: { kind: 'coordinator' },
    lookup: 'TypeORM bookkeeping (generated columns).',
  },
];

/** The catalog facts the rule is about, read by `readCatalog`. */
export interface Catalog {
  /** Table → its columns (name → NOT NULL). */
  tables: Map<string, Map<string, boolean>>;
  /** Primary keys and unique indexes (constraints or not); an expression contributes no column. */
  uniques: { table: string; name: string; primary: boolean; columns: string[] }[];
  foreignKeys: { table: string; name: string; columns: string[]; refTable: string; refColumns: string[] }[];
}

export interface Violation {
  table: string;
  problem: string;
}

/**
 * Every break of the rule in `catalog`. A tenant-owned table is any table not in `outside`; a table in
 * `outside` is held to what its placement needs on Citus.
 */
export function checkDistribution(
  catalog: Catalog,
  outside: readonly OutsideTheTenantRule[] = OUTSIDE_THE_TENANT_RULE,
): Violation[] {
  const violations: Violation[] = [];
  const listed = new Map(outside.map((entry) => [entry.table, entry.placement]));
  const placementOf = (table: string): Placement =>
    listed.get(table) ?? { kind: 'distributed', column: TENANT_COLUMN };
  const fail = (table: string, problem: string) => violations.push({ table, problem });

  for (const table of listed.keys()) {
    if (!catalog.tables.has(table)) fail(table, 'is named in OUTSIDE_THE_TENANT_RULE but does not exist');
  }
  for (const [table, columns] of catalog.tables) {
    const placement = placementOf(table);
    if (placement.kind === 'distributed') {
      const column = placement.column;
      if (!columns.has(column)) {
        fail(table, `has no ${column} column`);
        continue;
      }
      if (!columns.get(column)) fail(table, `${column} is nullable`);
      const uniques = catalog.uniques.filter((u) => u.table === table);
      if (!uniques.some((u) => u.primary)) fail(table, 'has no primary key');
      for (const u of uniques) {
        if (!u.columns.includes(column)) {
          fail(table, `${u.primary ? 'primary key' : 'unique index'} ${u.name} does not include ${column}`);
        }
      }
    }
    for (const fk of catalog.foreignKeys.filter((f) => f.table === table)) {
      const target = placementOf(fk.refTable);
      if (target.kind === 'reference') continue; // any table may reference a reference table
      if (placement.kind !== 'distributed') {
        fail(
          table,
          `foreign key ${fk.name} (a ${placement.kind} table) references ${fk.refTable}, not a reference table`,
        );
        continue;
      }
      if (target.kind !== 'distributed') {
        fail(table, `foreign key ${fk.name} references ${fk.refTable}, a ${target.kind} table`);
        continue;
      }
      // Co-located: the child's distribution column must meet the parent's in the same key position.
      const i = fk.columns.indexOf(placement.column);
      if (i < 0 || fk.refColumns[i] !== target.column) {
        fail(
          table,
          `foreign key ${fk.name} (${fk.columns.join(', ')}) → ${fk.refTable} (${fk.refColumns.join(', ')}) ` +
            `does not tie ${placement.column} to ${fk.refTable}.${target.column}`,
        );
      }
    }
  }
  return violations;
}

type Db = DataSource | EntityManager;

/** The catalog of the `public` schema, as `checkDistribution` reads it. */
export async function readCatalog(db: Db): Promise<Catalog> {
  const columns: { table_name: string; column_name: string; is_nullable: string }[] = await db.query(
    `SELECT c.table_name, c.column_name, c.is_nullable
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'`,
  );
  const tables = new Map<string, Map<string, boolean>>();
  for (const c of columns) {
    if (!tables.has(c.table_name)) tables.set(c.table_name, new Map());
    tables.get(c.table_name)!.set(c.column_name, c.is_nullable === 'NO');
  }
  // Unique indexes, whether they back a constraint or not; a key position that is an expression
  // (attnum 0) contributes no column name.
  const uniques: { table: string; name: string; primary: boolean; columns: string[] | null }[] =
    await db.query(
      `SELECT t.relname AS "table", i.relname AS name, x.indisprimary AS "primary",
            array(SELECT a.attname::text
                    FROM unnest(x.indkey[0:x.indnkeyatts - 1]) WITH ORDINALITY AS k (attnum, n)
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                   ORDER BY k.n) AS columns
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace s ON s.oid = t.relnamespace
      WHERE s.nspname = 'public' AND x.indisunique`,
    );
  const foreignKeys: {
    table: string;
    name: string;
    columns: string[] | null;
    refTable: string;
    refColumns: string[] | null;
  }[] = await db.query(
    `SELECT t.relname AS "table", c.conname AS name, r.relname AS "refTable",
            array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k (attnum, n)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.n) AS columns,
            array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k (attnum, n)
                    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.n) AS "refColumns"
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_class r ON r.oid = c.confrelid
       JOIN pg_namespace s ON s.oid = t.relnamespace
      WHERE s.nspname = 'public' AND c.contype = 'f'`,
  );
  return {
    tables,
    uniques: uniques.map((u) => ({ ...u, columns: u.columns ?? [] })),
    foreignKeys: foreignKeys.map((f) => ({ ...f, columns: f.columns ?? [], refColumns: f.refColumns ?? [] })),
  };
}
