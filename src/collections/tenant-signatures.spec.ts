import { describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { tenantIdFromRow, type TenantId } from '../common/tenant-id.js';
import type { CollectionsRepository } from './collections.repository.js';
import type { RecordsRepository } from './records.repository.js';
import type { SearchRepository } from './search.repository.js';
import type { UploadsRepository } from './uploads.repository.js';

/**
 * Compiled, never run: `npm run lint` (tsc) fails when a repository method of collections accepts a
 * tenant id that did not come from a credential, a row or a job (README "Data access"). Each
 * `@ts-expect-error` is itself an error once the line it marks compiles.
 */
export function signaturesRefuseAPlainString(
  db: DataSource,
  repos: {
    collections: CollectionsRepository;
    records: RecordsRepository;
    uploads: UploadsRepository;
    search: SearchRepository;
  },
  fromRequest: string,
  tenant: TenantId,
): void {
  // @ts-expect-error a string from a request is not a TenantId
  void repos.collections.find(db, fromRequest, 'name');
  // @ts-expect-error records: the same
  void repos.records.findLive(db, fromRequest, 'collection', 'id');
  // @ts-expect-error uploads: the same
  void repos.uploads.get(db, fromRequest, 'id');
  // @ts-expect-error search: the same
  void repos.search.isCurrent(db, fromRequest, 'name', 'collection', '1');
  // @ts-expect-error the executor comes first and is required
  void repos.collections.find(tenant, 'name');
  // @ts-expect-error a search never runs inside a transaction: its executor is the DataSource
  void repos.search.isCurrent(db.manager, tenant, 'name', 'collection', '1');
  void repos.collections.find(db, tenant, 'name');
}

describe('tenantIdFromRow', () => {
  it('answers the stored tenant id of a job or row', () => {
    expect(tenantIdFromRow('0b1c3f8e-5d0a-4a57-9e0f-1f7c2a9b6d11')).toBe(
      '0b1c3f8e-5d0a-4a57-9e0f-1f7c2a9b6d11',
    );
  });

  it('refuses a job or row without one, rather than running a statement for no tenant', () => {
    for (const missing of [undefined, null, '', 42, {}]) expect(() => tenantIdFromRow(missing)).toThrow();
  });
});
