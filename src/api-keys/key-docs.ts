import { applyDecorators } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiParam } from '@nestjs/swagger';
import { ErrorDto } from '../common/error.dto.js';

/** OpenAPI descriptions shared by the three key doors, so they document the same rules. */
export const KEY_DOCS = {
  create: `Answers the key view plus \`key\` (the raw key, shown only this once) and \`message\`.
Without \`project_id\`: the tenant's \`default\` project; without \`environment_id\`: the project's \`production\` environment.
Keys of \`test\` environments start \`sk_test_\`, of \`live\` ones \`sk_live_\`.
Rules: unknown or empty \`scopes\` → 422 naming the valid scopes; \`expires_at\` in the past → 422; the tenant's
\`require_key_expiration\` / \`max_key_lifetime_days\` → 422 for a key without \`expires_at\` or one beyond the maximum
(no expiry is ever filled in for you); \`rate_limit.requests_per_minute\` above the tenant's limit → 422;
\`rotation_webhook_url\` not https, or resolving to a private/loopback/link-local address → 422.
An API key may only create keys with scopes it holds itself (403 \`insufficient_scope\` with \`required_scopes\`);
a developer may not create keys with \`admin\`, \`keys:read\`, \`keys:write\` or \`audit:read\` (403 \`forbidden\`).
At most \`key_limit\` (plan) keys with status \`active\` per project: 409 \`key_limit_reached\`, exact under concurrency.`,
  list: `Newest first. Revoked keys leave the default list: without \`status\` every key but the revoked ones is listed;
\`status=active|grace|expired|revoked\` lists one status, \`status=all\` every key (a key history for audits).`,
  get: `\`include\` (comma list): \`usage\` (daily counts of the last 30 UTC days), \`history\` (the keys this one
replaced, newest first), \`created_by\` (email/display_name of the user, or name/key_prefix of the key, that made it),
\`all\`. Unknown token: 422.`,
  rotate: `Creates a successor (new id and key; same name, scopes, expiry, project, environment, rotation settings and
rate limit) and marks the old key \`replaced_by_key_id\`. \`grace_period_seconds\` 0 (default) revokes the old key at once
(message "Old key is now invalid. Update your applications immediately."); otherwise it keeps working until
\`grace_expires_at\`. Never fails on the key limit. Rotating a revoked, replaced or expired key → 409; of racing
rotations of one key exactly one succeeds, the others get 409. The same scope rules as create apply to the key's scopes.`,
  revoke: `The key fails from the very next request. Idempotent: a key that already no longer works answers 204 too.
API keys with \`keys:write\` may revoke any key of the tenant; a developer may not revoke keys with \`admin\`, \`keys:*\`
or \`audit:read\` (403 \`forbidden\`).`,
} as const;

/** The `{id}` of a key route (anything but a UUID answers 404) and its 404 answer, on every door. */
export function KeyIdParam(): MethodDecorator {
  return applyDecorators(
    ApiParam({ name: 'id', format: 'uuid', description: 'API key id (anything else answers 404).' }),
    ApiNotFoundResponse({ type: ErrorDto }),
  );
}

/** The 409 of rotating a key that can no longer be rotated. */
export function RotationConflict(): MethodDecorator {
  return applyDecorators(
    ApiConflictResponse({
      type: ErrorDto,
      description: 'Already revoked, replaced or expired; or a racing rotation won.',
    }),
  );
}
