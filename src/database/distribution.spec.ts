import { describe, expect, it } from '@jest/globals';
import { checkDistribution, type Catalog, type OutsideTheTenantRule } from './distribution.js';

/** A small catalog that follows the rule: tenants (reference) ← collections ← records. */
function catalog(): Catalog {
  return {
    tables: new Map([
      ['tenants', new Map([['id', true]])],
      [
        'collections',
        new Map([
          ['id', true],
          ['tenant_id', true],
        ]),
      ],
      [
        'records',
        new Map([
          ['id', true],
          ['tenant_id', true],
          ['collection_id', true],
        ]),
      ],
    ]),
    uniques: [
      { table: 'tenants', name: 'tenants_pkey', primary: true, columns: ['id'] },
      { table: 'collections', name: 'collections_pkey', primary: true, columns: ['id', 'tenant_id'] },
      { table: 'records', name: 'records_pkey', primary: true, columns: ['id', 'tenant_id'] },
    ],
    foreignKeys: [
      {
        table: 'collections',
        name: 'collections_tenant',
        columns: ['tenant_id'],
        refTable: 'tenants',
        refColumns: ['id'],
      },
      {
        table: 'records',
        name: 'records_collection',
        columns: ['collection_id', 'tenant_id'],
        refTable: 'collections',
        refColumns: ['id', 'tenant_id'],
      },
    ],
  };
}

const OUTSIDE: OutsideTheTenantRule[] = [
  { table: 'tenants', placement: { kind: 'reference' }, lookup: 'by id' },
];

describe('checkDistribution', () => {
  it('accepts tenant-keyed tables, composite foreign keys and a reference table', () => {
    expect(checkDistribution(catalog(), OUTSIDE)).toEqual([]);
  });

  it('fails a table without tenant_id that is not on the list', () => {
    const c = catalog();
    c.tables.set('stray', new Map([['id', true]]));
    c.uniques.push({ table: 'stray', name: 'stray_pkey', primary: true, columns: ['id'] });
    expect(checkDistribution(c, OUTSIDE)).toEqual([{ table: 'stray', problem: 'has no tenant_id column' }]);
    // Named on the list as a reference table, it passes.
    expect(
      checkDistribution(c, [...OUTSIDE, { table: 'stray', placement: { kind: 'reference' }, lookup: 'x' }]),
    ).toEqual([]);
  });

  it('fails a nullable tenant_id, a primary key or unique index without it, and a missing primary key', () => {
    const c = catalog();
    c.tables.get('records')!.set('tenant_id', false);
    c.uniques.find((u) => u.name === 'records_pkey')!.columns = ['id'];
    c.uniques.push({
      table: 'records',
      name: 'records_external_key',
      primary: false,
      columns: ['collection_id'],
    });
    c.uniques = c.uniques.filter((u) => u.table !== 'collections');
    expect(checkDistribution(c, OUTSIDE)).toEqual([
      { table: 'collections', problem: 'has no primary key' },
      { table: 'records', problem: 'tenant_id is nullable' },
      { table: 'records', problem: 'primary key records_pkey does not include tenant_id' },
      { table: 'records', problem: 'unique index records_external_key does not include tenant_id' },
    ]);
  });

  it('fails a foreign key between tenant tables that leaves tenant_id out or ties it to another column', () => {
    const c = catalog();
    c.foreignKeys[1] = { ...c.foreignKeys[1], columns: ['collection_id'], refColumns: ['id'] };
    expect(checkDistribution(c, OUTSIDE)).toEqual([
      {
        table: 'records',
        problem:
          'foreign key records_collection (collection_id) → collections (id) does not tie tenant_id to collections.tenant_id',
      },
    ]);
    c.foreignKeys[1] = {
      ...c.foreignKeys[1],
      columns: ['tenant_id', 'collection_id'],
      refColumns: ['id', 'tenant_id'],
    };
    expect(checkDistribution(c, OUTSIDE)).toHaveLength(1);
  });

  it('holds listed tables to their placement', () => {
    const c = catalog();
    c.tables.set(
      'logins',
      new Map([
        ['email', true],
        ['id', true],
      ]),
    );
    c.uniques.push({ table: 'logins', name: 'logins_pkey', primary: true, columns: ['id'] });
    c.tables.set(
      'queue',
      new Map([
        ['id', true],
        ['collection_id', true],
      ]),
    );
    c.foreignKeys.push({
      table: 'queue',
      name: 'queue_collection',
      columns: ['collection_id'],
      refTable: 'collections',
      refColumns: ['id'],
    });
    const outside: OutsideTheTenantRule[] = [
      ...OUTSIDE,
      { table: 'logins', placement: { kind: 'distributed', column: 'email' }, lookup: 'by email' },
      { table: 'queue', placement: { kind: 'coordinator' }, lookup: 'across tenants' },
      { table: 'gone', placement: { kind: 'reference' }, lookup: 'nothing' },
    ];
    expect(checkDistribution(c, outside)).toEqual([
      { table: 'gone', problem: 'is named in OUTSIDE_THE_TENANT_RULE but does not exist' },
      { table: 'logins', problem: 'primary key logins_pkey does not include email' },
      {
        table: 'queue',
        problem:
          'foreign key queue_collection (a coordinator table) references collections, not a reference table',
      },
    ]);
  });
});
