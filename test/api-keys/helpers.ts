import { KeyUsageService } from '../../src/api-keys/key-usage.service.js';
import type { TestApp } from '../support/app.js';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function flushUsage(t: TestApp): Promise<void> {
  return t.app.get(KeyUsageService).flush();
}

export async function auditEvents(
  t: TestApp,
  tenantId: string,
  action: string,
): Promise<{ actor_type: string; actor_id: string | null; target_id: string | null; metadata: any }[]> {
  return t.dataSource.query(
    `SELECT actor_type, actor_id, target_id, metadata FROM audit_events WHERE tenant_id = $1 AND action = $2 ORDER BY seq`,
    [tenantId, action],
  );
}

/** Key id of the tenant's default project and its environments. */
export async function defaultProject(
  t: TestApp,
  tenantId: string,
): Promise<{ id: string; liveEnvironmentId: string; testEnvironmentId: string }> {
  const rows: { project_id: string; id: string; kind: string }[] = await t.dataSource.query(
    `SELECT e.project_id, e.id, e.kind FROM environments e JOIN projects p ON p.id = e.project_id
      WHERE p.tenant_id = $1 AND p.name = 'default'`,
    [tenantId],
  );
  return {
    id: rows[0].project_id,
    liveEnvironmentId: rows.find((r) => r.kind === 'live')!.id,
    testEnvironmentId: rows.find((r) => r.kind === 'test')!.id,
  };
}

export const KEY_VIEW_FIELDS = [
  'id',
  'project_id',
  'environment_id',
  'name',
  'key_prefix',
  'scopes',
  'status',
  'expires_at',
  'last_used_at',
  'created_at',
  'created_by',
  'revoked_at',
  'replaced_by_key_id',
  'grace_expires_at',
  'rotation_interval_days',
  'next_rotation_at',
  'rotation_webhook_url',
  'rate_limit',
].sort();

export const STORE_MESSAGE = 'Store this key securely — it cannot be retrieved again.';
export const OLD_KEY_INVALID_MESSAGE = 'Old key is now invalid. Update your applications immediately.';
export const KEY_FORMAT = /^sk_(live|test)_[0-9A-Za-z]{38}$/;
