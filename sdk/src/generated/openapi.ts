/**
 * Generated from openapi.json by `npm run openapi` (scripts/sdk-codegen.ts): do not edit.
 */
export interface paths {
    "/api/v1/analytics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open searches per collection in a period. */
        get: operations["getAnalytics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the API keys of a project (project_id required).
         * @description Newest first. Revoked keys leave the default list: without `status` every key but the revoked ones is listed;
         *     `status=active|grace|expired|revoked` lists one status, `status=all` every key (a key history for audits).
         */
        get: operations["listApiKeys"];
        put?: never;
        /**
         * Create an API key in a project (project_id required).
         * @description Answers the key view plus `key` (the raw key, shown only this once) and `message`.
         *     Without `project_id`: the tenant's `default` project; without `environment_id`: the project's `production` environment.
         *     Keys of `test` environments start `sk_test_`, of `live` ones `sk_live_`.
         *     Rules: unknown or empty `scopes` → 422 naming the valid scopes; `expires_at` in the past → 422; the tenant's
         *     `require_key_expiration` / `max_key_lifetime_days` → 422 for a key without `expires_at` or one beyond the maximum
         *     (no expiry is ever filled in for you); `rate_limit.requests_per_minute` above the tenant's limit → 422;
         *     `rotation_webhook_url` not https, or resolving to a private/loopback/link-local address → 422.
         *     An API key may only create keys with scopes it holds itself (403 `insufficient_scope` with `required_scopes`);
         *     a developer may not create keys with `admin`, `keys:read`, `keys:write` or `audit:read` (403 `forbidden`).
         *     At most `key_limit` (plan) keys with status `active` per project: 409 `key_limit_reached`, exact under concurrency.
         */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One API key.
         * @description `include` (comma list): `usage` (daily counts of the last 30 UTC days), `history` (the keys this one
         *     replaced, newest first), `created_by` (email/display_name of the user, or name/key_prefix of the key, that made it),
         *     `all`. Unknown token: 422.
         */
        get: operations["getApiKey"];
        put?: never;
        post?: never;
        /**
         * Revoke an API key.
         * @description The key fails from the very next request. Idempotent: a key that already no longer works answers 204 too.
         *     API keys with `keys:write` may revoke any key of the tenant; a developer may not revoke keys with `admin`, `keys:*`
         *     or `audit:read` (403 `forbidden`).
         */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate an API key; answers a rotation summary.
         * @description Creates a successor (new id and key; same name, scopes, expiry, project, environment, rotation settings and
         *     rate limit) and marks the old key `replaced_by_key_id`. `grace_period_seconds` 0 (default) revokes the old key at once
         *     (message "Old key is now invalid. Update your applications immediately."); otherwise it keeps working until
         *     `grace_expires_at`. Never fails on the key limit. Rotating a revoked, replaced or expired key → 409; of racing
         *     rotations of one key exactly one succeeds, the others get 409. The same scope rules as create apply to the key's scopes.
         *
         *     `grace_expires_at` here is the old key's (null when it was revoked at once).
         */
        post: operations["rotateApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Audit events of the tenant, newest first, cursor-paged. */
        get: operations["listAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the API keys of the tenant.
         * @description Newest first. Revoked keys leave the default list: without `status` every key but the revoked ones is listed;
         *     `status=active|grace|expired|revoked` lists one status, `status=all` every key (a key history for audits).
         */
        get: operations["listKeys"];
        put?: never;
        /**
         * Create an API key.
         * @description Answers the key view plus `key` (the raw key, shown only this once) and `message`.
         *     Without `project_id`: the tenant's `default` project; without `environment_id`: the project's `production` environment.
         *     Keys of `test` environments start `sk_test_`, of `live` ones `sk_live_`.
         *     Rules: unknown or empty `scopes` → 422 naming the valid scopes; `expires_at` in the past → 422; the tenant's
         *     `require_key_expiration` / `max_key_lifetime_days` → 422 for a key without `expires_at` or one beyond the maximum
         *     (no expiry is ever filled in for you); `rate_limit.requests_per_minute` above the tenant's limit → 422;
         *     `rotation_webhook_url` not https, or resolving to a private/loopback/link-local address → 422.
         *     An API key may only create keys with scopes it holds itself (403 `insufficient_scope` with `required_scopes`);
         *     a developer may not create keys with `admin`, `keys:read`, `keys:write` or `audit:read` (403 `forbidden`).
         *     At most `key_limit` (plan) keys with status `active` per project: 409 `key_limit_reached`, exact under concurrency.
         */
        post: operations["createKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One API key.
         * @description `include` (comma list): `usage` (daily counts of the last 30 UTC days), `history` (the keys this one
         *     replaced, newest first), `created_by` (email/display_name of the user, or name/key_prefix of the key, that made it),
         *     `all`. Unknown token: 422.
         */
        get: operations["getKey"];
        put?: never;
        post?: never;
        /**
         * Revoke an API key.
         * @description The key fails from the very next request. Idempotent: a key that already no longer works answers 204 too.
         *     API keys with `keys:write` may revoke any key of the tenant; a developer may not revoke keys with `admin`, `keys:*`
         *     or `audit:read` (403 `forbidden`).
         */
        delete: operations["revokeKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/keys/{id}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate an API key.
         * @description Creates a successor (new id and key; same name, scopes, expiry, project, environment, rotation settings and
         *     rate limit) and marks the old key `replaced_by_key_id`. `grace_period_seconds` 0 (default) revokes the old key at once
         *     (message "Old key is now invalid. Update your applications immediately."); otherwise it keeps working until
         *     `grace_expires_at`. Never fails on the key limit. Rotating a revoked, replaced or expired key → 409; of racing
         *     rotations of one key exactly one succeeds, the others get 409. The same scope rules as create apply to the key's scopes.
         */
        post: operations["rotateKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/whoami": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Introspect the calling API key (no scope needed). */
        get: operations["whoami"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/collections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Collections with their record counters, the plan and its record cap. */
        get: operations["listCollections"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/collections/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a collection with all its records, schemas and uploads (audited). */
        delete: operations["deleteCollection"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/entities/{collection}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Records of a collection, oldest first. */
        get: operations["listEntities"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/entities/{collection}/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One record. */
        get: operations["getEntity"];
        put?: never;
        post?: never;
        /** Delete a record. */
        delete: operations["deleteEntity"];
        options?: never;
        head?: never;
        /**
         * Change a record, re-validated and re-indexed before the answer.
         * @description `collection_data` is merged key by key (`null` removes a key), then the whole record is re-validated against its schema (422 naming each field). 409 for a taken external_id.
         */
        patch: operations["updateEntity"];
        trace?: never;
    };
    "/api/v1/entities/{collection}/{record_type}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a record, validated and indexed before the answer.
         * @description Creates the collection too when needed. `collection_data` is validated against the record type’s schema (422 naming each field). 403 `plan_limit_reached` over the plan’s record cap or max_collections; 409 for a taken external_id.
         */
        post: operations["createEntity"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/export/{collection}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every record of the collection as NDJSON, streamed.
         * @description `application/x-ndjson`: one record per line in the record shape, oldest first (optionally of one `record_type`), streamed with constant memory.
         */
        get: operations["exportCollection"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness and dependencies; 503 while the database is down. */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ingest/{collection}/{record_type}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Queue 1–1000 records (JSON) for processing, like an upload.
         * @description Same modes as an upload, same per-row errors in `GET /uploads/{id}`.
         */
        post: operations["ingestRecords"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/open/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Search the public records of every tenant (no credential), each result with its provider. Limited per client IP (429 `rate_limited` with Retry-After); every (tenant, collection) in the results counts one open search for that tenant’s analytics. */
        post: operations["openSearch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portal/account": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["getAccount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change display_name and/or company (any other field: 422). */
        patch: operations["updateAccount"];
        trace?: never;
    };
    "/api/v1/portal/account/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the password; every token issued before (this one included) stops working. Wrong current password: 401 `invalid_credentials`. */
        post: operations["changePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portal/analytics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open searches per collection in a period. */
        get: operations["getPortalAnalytics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portal/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in. 401 `invalid_credentials` for an unknown email or a wrong password alike; 429 after 10 failures per email+IP in 15 min. */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portal/auth/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account, its tenant (plan free, you as owner) and project `default`. */
        post: operations["signup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portal/auth/switch-tenant": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new token for another tenant you belong to (404 if you do not). */
        post: operations["switchTenant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portal/collections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Collections with their record counters, the plan and its record cap. */
        get: operations["portalListCollections"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portal/collections/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a collection with all its records, schemas and uploads (audited). */
        delete: operations["portalDeleteCollection"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portal/export/{collection}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every record of the collection as NDJSON, streamed.
         * @description `application/x-ndjson`: one record per line in the record shape, oldest first (optionally of one `record_type`), streamed with constant memory.
         */
        get: operations["portalExportCollection"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portal/ingest/{collection}/{record_type}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Queue 1–1000 records (JSON) for processing, like an upload.
         * @description Same modes as an upload, same per-row errors in `GET /uploads/{id}`.
         */
        post: operations["portalIngestRecords"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portal/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Join the tenant of an invitation; answers a session token for that tenant.
         * @description Needs the session of the user whose email was invited (case-insensitive), else 403 `forbidden`. Unknown token → 404; a token already used, revoked or expired → 409 `conflict`; already a member → 409 `conflict`.
         */
        post: operations["acceptInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portal/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the API keys of the tenant.
         * @description Newest first. Revoked keys leave the default list: without `status` every key but the revoked ones is listed;
         *     `status=active|grace|expired|revoked` lists one status, `status=all` every key (a key history for audits).
         */
        get: operations["listPortalKeys"];
        put?: never;
        /**
         * Create an API key.
         * @description Answers the key view plus `key` (the raw key, shown only this once) and `message`.
         *     Without `project_id`: the tenant's `default` project; without `environment_id`: the project's `production` environment.
         *     Keys of `test` environments start `sk_test_`, of `live` ones `sk_live_`.
         *     Rules: unknown or empty `scopes` → 422 naming the valid scopes; `expires_at` in the past → 422; the tenant's
         *     `require_key_expiration` / `max_key_lifetime_days` → 422 for a key without `expires_at` or one beyond the maximum
         *     (no expiry is ever filled in for you); `rate_limit.requests_per_minute` above the tenant's limit → 422;
         *     `rotation_webhook_url` not https, or resolving to a private/loopback/link-local address → 422.
         *     An API key may only create keys with scopes it holds itself (403 `insufficient_scope` with `required_scopes`);
         *     a developer may not create keys with `admin`, `keys:read`, `keys:write` or `audit:read` (403 `forbidden`).
         *     At most `key_limit` (plan) keys with status `active` per project: 409 `key_limit_reached`, exact under concurrency.
         */
        post: operations["createPortalKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portal/keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One API key.
         * @description `include` (comma list): `usage` (daily counts of the last 30 UTC days), `history` (the keys this one
         *     replaced, newest first), `created_by` (email/display_name of the user, or name/key_prefix of the key, that made it),
         *     `all`. Unknown token: 422.
         */
        get: operations["getPortalKey"];
        put?: never;
        post?: never;
        /**
         * Revoke an API key.
         * @description The key fails from the very next request. Idempotent: a key that already no longer works answers 204 too.
         *     API keys with `keys:write` may revoke any key of the tenant; a developer may not revoke keys with `admin`, `keys:*`
         *     or `audit:read` (403 `forbidden`).
         */
        delete: operations["revokePortalKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portal/keys/{id}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate an API key.
         * @description Creates a successor (new id and key; same name, scopes, expiry, project, environment, rotation settings and
         *     rate limit) and marks the old key `replaced_by_key_id`. `grace_period_seconds` 0 (default) revokes the old key at once
         *     (message "Old key is now invalid. Update your applications immediately."); otherwise it keeps working until
         *     `grace_expires_at`. Never fails on the key limit. Rotating a revoked, replaced or expired key → 409; of racing
         *     rotations of one key exactly one succeeds, the others get 409. The same scope rules as create apply to the key's scopes.
         */
        post: operations["rotatePortalKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portal/keys/{id}/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Daily request counts of a key (UTC days, `days` 1–90, default 30). */
        get: operations["getPortalKeyUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portal/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Change the plan (owner only; audited plan.changed); answers the usage on the new plan.
         * @description Takes effect at once, limits included. A downgrade never deletes data: a tenant over the new record cap keeps its records but cannot add more.
         */
        put: operations["changePlan"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portal/quickstart": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Onboarding steps, each completed by the real event, in order. */
        get: operations["getQuickstart"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portal/records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Records of a collection, oldest first. */
        get: operations["portalListRecords"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portal/records/{collection}/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One record. */
        get: operations["portalGetRecord"];
        put?: never;
        post?: never;
        /** Delete a record. */
        delete: operations["portalDeleteRecord"];
        options?: never;
        head?: never;
        /**
         * Change a record, re-validated and re-indexed before the answer.
         * @description `collection_data` is merged key by key (`null` removes a key), then the whole record is re-validated against its schema (422 naming each field). 409 for a taken external_id.
         */
        patch: operations["portalUpdateRecord"];
        trace?: never;
    };
    "/api/v1/portal/records/{collection}/{record_type}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a record, validated and indexed before the answer.
         * @description Creates the collection too when needed. `collection_data` is validated against the record type’s schema (422 naming each field). 403 `plan_limit_reached` over the plan’s record cap or max_collections; 409 for a taken external_id.
         */
        post: operations["portalCreateRecord"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portal/reindex/{collection}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Re-validate every record against the current schemas and re-index it, in the background. */
        post: operations["portalReindexCollection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portal/schemas/{collection}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The schemas of every record type of a collection. */
        get: operations["portalGetSchemas"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portal/schemas/{collection}/{record_type}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Create or replace the schema of a record type.
         * @description Creates the collection when needed (403 `plan_limit_reached` past the plan’s max_collections). Existing records of the type are re-validated and re-indexed in the background.
         */
        put: operations["portalPutSchema"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portal/search/{collection}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Full-text search over the indexed records of a collection, ranked.
         * @description Ranked: name above description above searchable fields (English stemming: `bearings` finds "bearing"). With `fuzzy` (default true), a query whose words match nothing is searched again with each word corrected to the closest words of the collection (trigram similarity, then fewest edits), so misspellings (`bearng`) still find records, scored below 0.5. `filters` apply to filterable fields only (others: 422): equality (a list field: contains), `{gte, lte}` on number, integer and date fields; a value of another type never matches. Counts one search for metering. Records whose name holds every searched word come first (scores 0.75 and above). `total` is exact up to 1,000 matches (SEARCH_EXACT_TOTAL_LIMIT) and a lower bound beyond it, as `total_relation` says (`eq` / `gte`); `exact_total: true` counts them all. Repeated searches may be answered from a cache that is exact: any change to the collection is seen by the next search.
         */
        post: operations["portalSearch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portal/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Tenants you belong to, with your role in each. */
        get: operations["listMyTenants"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portal/upload/{collection}/{record_type}/upload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a file of records, processed in the background.
         * @description multipart/form-data: part `file`, optional part `mode`; follow the upload with `GET /uploads/{id}`. CSV columns `name`, `description`, `external_id`, `visibility` map to record fields, the others go into collection_data, coerced to the schema’s types (an empty cell is no value). Rows without a name are skipped and rows breaking the schema are stored as `failed` records; both are counted in `rows_failed` and listed in `errors`. A file that cannot be parsed at all answers 202 with status `failed` (the reason is in the upload’s `errors`) and changes nothing. Unsupported file type: 415 `unsupported_media_type`; over 50 MiB: 413; malformed multipart: 400 `bad_request`.
         */
        post: operations["portalUploadFile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portal/uploads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Uploads, newest first (optionally of one collection). */
        get: operations["portalListUploads"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portal/uploads/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Status and progress of an upload, with its first 100 row errors. */
        get: operations["portalGetUpload"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/portal/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Usage of the period against the plan, `?period=YYYY-MM` for past months. */
        get: operations["getPortalUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Projects of the tenant, oldest first, with their active-key counts. */
        get: operations["listProjects"];
        put?: never;
        /** Create a project with environments `production` (live) and `development` (test). */
        post: operations["createProject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/projects/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One project, with its environments. */
        get: operations["getProject"];
        put?: never;
        post?: never;
        /** Delete a project with its environments and its revoked/expired keys. 409 while it has keys that still work (active or in grace), and for the `default` project. */
        delete: operations["deleteProject"];
        options?: never;
        head?: never;
        /** Rename a project (the `default` project keeps its name: 409). */
        patch: operations["updateProject"];
        trace?: never;
    };
    "/api/v1/projects/{id}/environments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Environments of a project. */
        get: operations["listEnvironments"];
        put?: never;
        /** Add an environment; its kind decides the key prefix (`sk_live_` / `sk_test_`). */
        post: operations["createEnvironment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reindex/{collection}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Re-validate every record against the current schemas and re-index it, in the background. */
        post: operations["reindexCollection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/schemas/{collection}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The schemas of every record type of a collection. */
        get: operations["getSchemas"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/schemas/{collection}/{record_type}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Create or replace the schema of a record type.
         * @description Creates the collection when needed (403 `plan_limit_reached` past the plan’s max_collections). Existing records of the type are re-validated and re-indexed in the background.
         */
        put: operations["putSchema"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/search/{collection}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Full-text search over the indexed records of a collection, ranked.
         * @description Ranked: name above description above searchable fields (English stemming: `bearings` finds "bearing"). With `fuzzy` (default true), a query whose words match nothing is searched again with each word corrected to the closest words of the collection (trigram similarity, then fewest edits), so misspellings (`bearng`) still find records, scored below 0.5. `filters` apply to filterable fields only (others: 422): equality (a list field: contains), `{gte, lte}` on number, integer and date fields; a value of another type never matches. Counts one search for metering. Records whose name holds every searched word come first (scores 0.75 and above). `total` is exact up to 1,000 matches (SEARCH_EXACT_TOTAL_LIMIT) and a lower bound beyond it, as `total_relation` says (`eq` / `gte`); `exact_total: true` counts them all. Repeated searches may be answered from a cache that is exact: any change to the collection is seen by the next search.
         */
        post: operations["search"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settings/security": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Security settings of the tenant. */
        get: operations["getSecuritySettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change security settings (owner/admin sessions only; every API key gets 403 `forbidden`).
         * @description Only the fields sent change. `allowed_ip_ranges` replaces the list (at most 100 IPv4/IPv6 CIDRs or addresses, stored normalised; errors name `allowed_ip_ranges[i]`). Audited as `settings.security_updated` with the changed fields.
         */
        patch: operations["updateSecuritySettings"];
        trace?: never;
    };
    "/api/v1/settings/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The Standard Webhooks signing secret of the tenant.
         * @description Scheduled key rotations POST `{"type": "api_key.rotated", "data": {old_key_id, new_key_id, key, key_prefix,
         *     grace_expires_at}}` to the key's `rotation_webhook_url` with the headers `webhook-id` (the same on every retry),
         *     `webhook-timestamp` (Unix seconds of this attempt) and `webhook-signature: v1,<base64 HMAC-SHA256 of
         *     "{webhook-id}.{webhook-timestamp}.{body}">`, keyed with the base64-decoded part of this secret after `whsec_`.
         *     Any 2xx answer is a delivery; anything else (or no answer within 10 s) is retried with exponential backoff, up to
         *     10 attempts, durably across restarts. Every failed attempt is audited as `api_key.webhook_failed` (metadata
         *     `final: false` and the attempt number); the last one, or a target refused by the SSRF guard at delivery time
         *     (checked again, with the resolved address pinned for the connection), with `final: true`. The body, which holds the
         *     new raw key, is stored only encrypted while a delivery is pending and erased once it is delivered or given up.
         */
        get: operations["getWebhookSettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settings/webhooks/endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant event endpoints.
         * @description Cistern POSTs `{"type", "timestamp", "data"}` to every enabled endpoint subscribed to the event, signed the
         *     Standard Webhooks way with the tenant's `whsec_` secret (`GET /settings/webhooks`): headers `webhook-id` (the same on
         *     every retry of a delivery: deduplicate on it), `webhook-timestamp` and `webhook-signature: v1,<base64 HMAC-SHA256 of
         *     "{webhook-id}.{webhook-timestamp}.{body}">`. Events:
         *     - `upload.completed`, `upload.failed`: `{upload_id, collection, record_type, mode, status, rows_total, rows_indexed,
         *       rows_failed, errors (the first 10 of the upload's errors), finished_at}` once per upload or ingest.
         *     - `usage.threshold`: `{metric: "searches"|"records", threshold_percent: 80|100, used, included, period}` when the
         *       tenant reaches 80 % and 100 % of its plan's included searches or records — once per period (UTC month) and metric and
         *       threshold, whatever the number of instances or concurrent requests. Plans without an included amount never send it.
         *     - `api_key.expiring`: `{key_id, name, key_prefix, project_id, environment_id, expires_at, days_before: 7|1}` 7 days and
         *       1 day before a key's `expires_at` (a key created closer to its expiry gets only the notices still ahead of it).
         *     - `api_key.rotated`: `{old_key_id, new_key_id, key_prefix, grace_expires_at}` for each scheduled rotation — without the raw
         *       key. An endpoint whose URL is the key's own `rotation_webhook_url` is not sent this copy: that URL already receives
         *       the event with the raw key through the key's rotation webhook.
         *     - `webhook.test`: sent only by `POST …/{id}/test`.
         *     Any 2xx answer is a delivery; anything else, or no answer within 10 s, is retried with exponential backoff (up to 12
         *     attempts over about 8 hours), durably across restarts. A 410 answer disables the endpoint at once; an endpoint whose
         *     every attempt has failed for 3 days in a row is disabled too. Both are audited as `webhook_endpoint.disabled`; PATCH
         *     `{"enabled": true}` turns it back on. Bodies are stored encrypted while pending and erased once delivered or given
         *     up; the delivery log keeps status, attempts and the last answer's code for 30 days.
         */
        get: operations["listWebhookEndpoints"];
        put?: never;
        /**
         * Add an event endpoint (at most 20 per tenant).
         * @description Cistern POSTs `{"type", "timestamp", "data"}` to every enabled endpoint subscribed to the event, signed the
         *     Standard Webhooks way with the tenant's `whsec_` secret (`GET /settings/webhooks`): headers `webhook-id` (the same on
         *     every retry of a delivery: deduplicate on it), `webhook-timestamp` and `webhook-signature: v1,<base64 HMAC-SHA256 of
         *     "{webhook-id}.{webhook-timestamp}.{body}">`. Events:
         *     - `upload.completed`, `upload.failed`: `{upload_id, collection, record_type, mode, status, rows_total, rows_indexed,
         *       rows_failed, errors (the first 10 of the upload's errors), finished_at}` once per upload or ingest.
         *     - `usage.threshold`: `{metric: "searches"|"records", threshold_percent: 80|100, used, included, period}` when the
         *       tenant reaches 80 % and 100 % of its plan's included searches or records — once per period (UTC month) and metric and
         *       threshold, whatever the number of instances or concurrent requests. Plans without an included amount never send it.
         *     - `api_key.expiring`: `{key_id, name, key_prefix, project_id, environment_id, expires_at, days_before: 7|1}` 7 days and
         *       1 day before a key's `expires_at` (a key created closer to its expiry gets only the notices still ahead of it).
         *     - `api_key.rotated`: `{old_key_id, new_key_id, key_prefix, grace_expires_at}` for each scheduled rotation — without the raw
         *       key. An endpoint whose URL is the key's own `rotation_webhook_url` is not sent this copy: that URL already receives
         *       the event with the raw key through the key's rotation webhook.
         *     - `webhook.test`: sent only by `POST …/{id}/test`.
         *     Any 2xx answer is a delivery; anything else, or no answer within 10 s, is retried with exponential backoff (up to 12
         *     attempts over about 8 hours), durably across restarts. A 410 answer disables the endpoint at once; an endpoint whose
         *     every attempt has failed for 3 days in a row is disabled too. Both are audited as `webhook_endpoint.disabled`; PATCH
         *     `{"enabled": true}` turns it back on. Bodies are stored encrypted while pending and erased once delivered or given
         *     up; the delivery log keeps status, attempts and the last answer's code for 30 days.
         */
        post: operations["createWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settings/webhooks/endpoints/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One event endpoint. */
        get: operations["getWebhookEndpoint"];
        put?: never;
        post?: never;
        /** Remove an endpoint and its pending deliveries. */
        delete: operations["deleteWebhookEndpoint"];
        options?: never;
        head?: never;
        /** Change the URL, the events, or enable/disable an endpoint (portal sessions only: API keys get 403). */
        patch: operations["updateWebhookEndpoint"];
        trace?: never;
    };
    "/api/v1/settings/webhooks/endpoints/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The delivery log of an endpoint, newest first: status, attempts, last answer. */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settings/webhooks/endpoints/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queue a signed `webhook.test` event to the endpoint (also a disabled one); answers the pending delivery, whose outcome the delivery log shows. */
        post: operations["testWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settings/webhooks/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace the signing secret; answers the new one. Deliveries still pending are signed with it from their next attempt. */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/team/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Invitations of the tenant, newest first, in every status. */
        get: operations["listInvitations"];
        put?: never;
        /**
         * Invite someone to the tenant by email.
         * @description Answers at once with `email_dispatch_status: "queued"`; the mail (link `{PUBLIC_BASE_URL}/invitations/accept?token=…`, valid 7 days, single use) is sent by a background job with retries, which moves the status to `sent` or `failed`. Only owners may invite owners (403 `forbidden`). Inviting an email that has a pending invitation replaces it (the old link stops working); inviting a member → 409 `conflict`.
         */
        post: operations["createInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/team/invitations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an invitation: its link stops working.
         * @description Idempotent for invitations already revoked or expired. Only owners may revoke owner invitations (403). An accepted invitation → 409 `conflict` (remove the member instead).
         */
        delete: operations["revokeInvitation"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/team/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Members of the tenant, in the order they joined. */
        get: operations["listMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/team/members/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a member from the tenant; their tokens for it fail from the next request.
         * @description Admins cannot remove owners (403). Removing yourself is leaving the tenant.
         */
        delete: operations["removeMember"];
        options?: never;
        head?: never;
        /**
         * Change a member's role.
         * @description Only owners grant or remove `owner`, and admins cannot change owners (403 `forbidden`). Effective on the next request of the member.
         */
        patch: operations["changeMemberRole"];
        trace?: never;
    };
    "/api/v1/team/members/{user_id}/block": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Block a member: their tokens fail from the next request (401 `invalid_token`).
         * @description Idempotent (blocking a blocked member answers 200 and records nothing). Blocking yourself → 409 `conflict`; admins cannot block owners (403).
         */
        post: operations["blockMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/team/members/{user_id}/unblock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Unblock a member: their unexpired tokens work again.
         * @description Idempotent. Admins cannot unblock owners (403).
         */
        post: operations["unblockMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/upload/{collection}/{record_type}/upload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a file of records, processed in the background.
         * @description multipart/form-data: part `file`, optional part `mode`; follow the upload with `GET /uploads/{id}`. CSV columns `name`, `description`, `external_id`, `visibility` map to record fields, the others go into collection_data, coerced to the schema’s types (an empty cell is no value). Rows without a name are skipped and rows breaking the schema are stored as `failed` records; both are counted in `rows_failed` and listed in `errors`. A file that cannot be parsed at all answers 202 with status `failed` (the reason is in the upload’s `errors`) and changes nothing. Unsupported file type: 415 `unsupported_media_type`; over 50 MiB: 413; malformed multipart: 400 `bad_request`.
         */
        post: operations["uploadFile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/uploads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Uploads, newest first (optionally of one collection). */
        get: operations["listUploads"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/uploads/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Status and progress of an upload, with its first 100 row errors. */
        get: operations["getUpload"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Usage of the period against the plan, `?period=YYYY-MM` for past months. */
        get: operations["getUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AcceptInvitationDto: {
            /** @description The `token` of the link in the invitation mail. */
            token: string;
        };
        AcceptedInvitationDto: {
            access_token: string;
            /** @description Seconds until the token expires. */
            expires_in: number;
            role: components["schemas"]["Role"];
            /**
             * Format: uuid
             * @description The tenant joined; the token is for this tenant.
             */
            tenant_id: string;
            /** @enum {string} */
            token_type: "Bearer";
        };
        AccountDto: {
            company: string | null;
            /** Format: date-time */
            created_at: string;
            display_name: string | null;
            email: string;
            role: components["schemas"]["Role"];
            /** Format: uuid */
            tenant_id: string;
            /** Format: uuid */
            user_id: string;
        };
        /** @enum {string} */
        ActorType: "user" | "api_key" | "system";
        AnalyticsDto: {
            collections: components["schemas"]["CollectionAnalyticsDto"][];
            /** @example 2026-11 */
            period: string;
            /** Format: uuid */
            tenant_id: string;
            total_open_searches: number;
        };
        ApiKeyDto: {
            /** Format: date-time */
            created_at: string;
            created_by: components["schemas"]["KeyCreatorDto"];
            /** Format: uuid */
            environment_id: string;
            /** Format: date-time */
            expires_at: string | null;
            /** Format: date-time */
            grace_expires_at: string | null;
            /** @description With include=history: the keys this one replaced, newest first. */
            history?: components["schemas"]["ApiKeyDto"][];
            /** Format: uuid */
            id: string;
            /**
             * @description The first 12 characters of the key.
             * @example sk_live_AbCd
             */
            key_prefix: string;
            /**
             * Format: date-time
             * @description Written in batches, at most once a minute per key.
             */
            last_used_at: string | null;
            name: string;
            /** Format: date-time */
            next_rotation_at: string | null;
            /** Format: uuid */
            project_id: string;
            rate_limit: components["schemas"]["KeyRateLimitDto"] | null;
            /**
             * Format: uuid
             * @description The successor after a rotation.
             */
            replaced_by_key_id: string | null;
            /**
             * Format: date-time
             * @description When the key stopped working: revocation, or the end of its rotation grace.
             */
            revoked_at: string | null;
            rotation_interval_days: number | null;
            rotation_webhook_url: string | null;
            scopes: components["schemas"]["Scope"][];
            /** @description `active`; `grace`: rotated, still valid until `grace_expires_at`; `expired`: past `expires_at`; `revoked`: revoked, or rotated and out of grace. */
            status: components["schemas"]["KeyStatus"];
            /** @description With include=usage: the last 30 UTC days. */
            usage?: components["schemas"]["KeyUsageSummaryDto"];
        };
        ApiKeyRotationDto: {
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            expires_at: string | null;
            /**
             * Format: date-time
             * @description Until when the old key keeps working; null when it was revoked at once.
             */
            grace_expires_at: string | null;
            /** @description The raw new key. Returned exactly once. */
            key: string;
            key_prefix: string;
            /** @example Old key is now invalid. Update your applications immediately. */
            message: string;
            name: string;
            /** Format: uuid */
            new_key_id: string;
            /** Format: uuid */
            old_key_id: string;
            /** Format: uuid */
            project_id: string;
            scopes: components["schemas"]["Scope"][];
        };
        /** @enum {string} */
        AuditAction: "auth.signup" | "auth.login" | "auth.login_failed" | "account.updated" | "account.password_changed" | "api_key.created" | "api_key.rotated" | "api_key.auto_rotated" | "api_key.revoked" | "api_key.webhook_failed" | "project.created" | "project.renamed" | "project.deleted" | "member.invited" | "member.joined" | "member.role_changed" | "member.removed" | "member.blocked" | "member.unblocked" | "invitation.revoked" | "invitation.email_sent" | "invitation.email_failed" | "settings.security_updated" | "settings.webhook_secret_rotated" | "plan.changed" | "collection.deleted" | "upload.completed" | "upload.failed" | "tenant.suspended" | "tenant.resumed" | "webhook_endpoint.created" | "webhook_endpoint.updated" | "webhook_endpoint.deleted" | "webhook_endpoint.disabled";
        AuditActorDto: {
            id: string | null;
            type: components["schemas"]["ActorType"];
        };
        AuditEventDto: {
            action: components["schemas"]["AuditAction"];
            actor: components["schemas"]["AuditActorDto"];
            /** Format: uuid */
            id: string;
            ip: string | null;
            metadata: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            occurred_at: string;
            target: components["schemas"]["AuditTargetDto"] | null;
            user_agent: string | null;
        };
        AuditPageDto: {
            events: components["schemas"]["AuditEventDto"][];
            /** @description Pass as `cursor` for the next (older) page; null at the end. */
            next_cursor: string | null;
        };
        AuditTargetDto: {
            id: string;
            /** @example api_key */
            type: string;
        };
        ChangeMemberRoleDto: {
            /** @description Only owners grant or remove `owner`; the last active owner cannot be demoted (409 `last_owner`). */
            role: components["schemas"]["Role"];
        };
        ChangePasswordDto: {
            current_password: string;
            new_password: string;
        };
        ChangePlanDto: {
            plan: components["schemas"]["PlanName"];
        };
        /** @enum {string} */
        CheckState: "ok" | "down" | "disabled";
        CollectionAnalyticsDto: {
            collection: string;
            /**
             * Format: date-time
             * @description Last change of a record (or the creation of the collection).
             */
            last_updated: string;
            /** @description Open searches in the period in which this collection appeared. */
            open_searches: number;
            public_count: number;
            record_count: number;
        };
        CollectionListDto: {
            collections: components["schemas"]["CollectionSummaryDto"][];
            plan: components["schemas"]["PlanName"];
            /** @description Record cap of the plan (null: unlimited). */
            record_limit: number | null;
            /** @description Records of every collection. */
            total_records: number;
        };
        CollectionSchemasDto: {
            /** @example products */
            collection: string;
            record_types: components["schemas"]["RecordTypeSchemaDto"][];
        };
        CollectionSummaryDto: {
            failed: number;
            /** @description A `replace` upload into this collection is running. */
            has_pending_replace: boolean;
            indexed: number;
            /** @example products */
            name: string;
            pending: number;
            processing: number;
            /**
             * @description Record types with a schema or with records.
             * @example [
             *       "part"
             *     ]
             */
            record_types: string[];
            total_records: number;
        };
        CreateEnvironmentDto: {
            kind: components["schemas"]["EnvironmentKind"];
            /** @description Not blank; unique in the project (409 otherwise). */
            name: string;
        };
        CreateInvitationDto: {
            /**
             * Format: email
             * @example dana@example.com
             */
            email: string;
            role: components["schemas"]["Role"];
        };
        CreateKeyDto: {
            /**
             * Format: uuid
             * @description Default: the environment named `production` of the project, else its first `live` one.
             */
            environment_id?: string;
            /**
             * Format: date-time
             * @description Must be in the future. Required when the tenant requires key expiration; at most `max_key_lifetime_days` ahead when the tenant sets it (422). Never filled in for you. null or absent: the key does not expire.
             */
            expires_at?: string | null;
            /** @description Not blank. */
            name: string;
            /**
             * Format: uuid
             * @description Default: the tenant's `default` project.
             */
            project_id?: string;
            /** @description null or absent: the tenant limit only. */
            rate_limit?: components["schemas"]["KeyRateLimitInputDto"] | null;
            /** @description Rotate the key on a schedule: sets `next_rotation_at`; the old key keeps a 24 h grace. null or absent: no scheduled rotation. */
            rotation_interval_days?: number | null;
            /** @description Receives the signed `api_key.rotated` event of scheduled rotations. https only, and it must not resolve to a private, loopback or link-local address (unless the server runs with WEBHOOK_ALLOW_PRIVATE=true, which also allows http). null or absent: none. */
            rotation_webhook_url?: string | null;
            /** @description At least one. Unknown scopes: 422 naming them (`scopes[1]`). A key may only grant scopes it holds itself; a developer never `admin`, `keys:*` or `audit:read` (403). */
            scopes: components["schemas"]["Scope"][];
        };
        CreateProjectKeyDto: {
            /**
             * Format: uuid
             * @description Default: the environment named `production` of the project, else its first `live` one.
             */
            environment_id?: string;
            /**
             * Format: date-time
             * @description Must be in the future. Required when the tenant requires key expiration; at most `max_key_lifetime_days` ahead when the tenant sets it (422). Never filled in for you. null or absent: the key does not expire.
             */
            expires_at?: string | null;
            /** @description Not blank. */
            name: string;
            /** Format: uuid */
            project_id: string;
            /** @description null or absent: the tenant limit only. */
            rate_limit?: components["schemas"]["KeyRateLimitInputDto"] | null;
            /** @description Rotate the key on a schedule: sets `next_rotation_at`; the old key keeps a 24 h grace. null or absent: no scheduled rotation. */
            rotation_interval_days?: number | null;
            /** @description Receives the signed `api_key.rotated` event of scheduled rotations. https only, and it must not resolve to a private, loopback or link-local address (unless the server runs with WEBHOOK_ALLOW_PRIVATE=true, which also allows http). null or absent: none. */
            rotation_webhook_url?: string | null;
            /** @description At least one. Unknown scopes: 422 naming them (`scopes[1]`). A key may only grant scopes it holds itself; a developer never `admin`, `keys:*` or `audit:read` (403). */
            scopes: components["schemas"]["Scope"][];
        };
        CreateRecordDto: {
            /**
             * @description Free-form fields, validated against the record type’s schema when it has one.
             * @example {
             *       "price": 4.2,
             *       "sku": "BRG-6204",
             *       "tags": [
             *         "steel"
             *       ]
             *     }
             */
            collection_data?: {
                [key: string]: unknown;
            };
            /** @description null or absent: none. */
            description?: string | null;
            /** @description null or absent: none. */
            external_id?: string | null;
            /** @description Not blank. */
            name: string;
            /** @description Default: private. */
            visibility?: components["schemas"]["Visibility"];
        };
        CreateWebhookEndpointDto: {
            /**
             * @description A disabled endpoint receives no events.
             * @default true
             */
            enabled?: boolean;
            /** @description Events this endpoint receives (at least one, no repeats): `upload.completed`, `upload.failed`, `usage.threshold`, `api_key.expiring`, `api_key.rotated`. */
            events: components["schemas"]["WebhookEventType"][];
            /**
             * @description Where events are POSTed. https only, and it must not resolve to a private, loopback or link-local address (unless the server runs with WEBHOOK_ALLOW_PRIVATE=true, which also allows http). Checked again at every delivery.
             * @example https://hooks.example.com/cistern
             */
            url: string;
        };
        CreatedApiKeyDto: {
            /** Format: date-time */
            created_at: string;
            created_by: components["schemas"]["KeyCreatorDto"];
            /** Format: uuid */
            environment_id: string;
            /** Format: date-time */
            expires_at: string | null;
            /** Format: date-time */
            grace_expires_at: string | null;
            /** @description With include=history: the keys this one replaced, newest first. */
            history?: components["schemas"]["ApiKeyDto"][];
            /** Format: uuid */
            id: string;
            /**
             * @description The raw key. Returned exactly once.
             * @example sk_live_…
             */
            key: string;
            /**
             * @description The first 12 characters of the key.
             * @example sk_live_AbCd
             */
            key_prefix: string;
            /**
             * Format: date-time
             * @description Written in batches, at most once a minute per key.
             */
            last_used_at: string | null;
            /** @example Store this key securely — it cannot be retrieved again. */
            message: string;
            name: string;
            /** Format: date-time */
            next_rotation_at: string | null;
            /** Format: uuid */
            project_id: string;
            rate_limit: components["schemas"]["KeyRateLimitDto"] | null;
            /**
             * Format: uuid
             * @description The successor after a rotation.
             */
            replaced_by_key_id: string | null;
            /**
             * Format: date-time
             * @description When the key stopped working: revocation, or the end of its rotation grace.
             */
            revoked_at: string | null;
            rotation_interval_days: number | null;
            rotation_webhook_url: string | null;
            scopes: components["schemas"]["Scope"][];
            /** @description `active`; `grace`: rotated, still valid until `grace_expires_at`; `expired`: past `expires_at`; `revoked`: revoked, or rotated and out of grace. */
            status: components["schemas"]["KeyStatus"];
            /** @description With include=usage: the last 30 UTC days. */
            usage?: components["schemas"]["KeyUsageSummaryDto"];
        };
        /** @enum {string} */
        EmailDispatchStatus: "queued" | "sent" | "failed";
        EnvironmentDto: {
            /** Format: uuid */
            id: string;
            /** @description Keys of `live` environments start `sk_live_`, of `test` ones `sk_test_`. */
            kind: components["schemas"]["EnvironmentKind"];
            name: string;
        };
        /**
         * @description Keys of `live` environments start `sk_live_`, of `test` ones `sk_test_`.
         * @enum {string}
         */
        EnvironmentKind: "live" | "test";
        EnvironmentListDto: {
            environments: components["schemas"]["EnvironmentDto"][];
        };
        ErrorDto: {
            /**
             * @description A human sentence.
             * @example API key not found.
             */
            detail: string;
            /**
             * @description Machine code.
             * @example not_found
             */
            error: string;
            /** @description Field errors (422 validation_error). */
            errors?: components["schemas"]["FieldErrorDto"][];
            /**
             * @description The plan's limit that was reached (403 plan_limit_reached): its record cap, or its max_collections.
             * @example 3
             */
            limit?: number;
            /** @description Request id of an unexpected error (500), also in the server log. */
            request_id?: string;
            /** @description Scopes the route needs (403 insufficient_scope). */
            required_scopes?: string[];
        };
        FieldErrorDto: {
            /** @example scopes[1] */
            field: string;
            /** @example must be one of: search, ingest, ... */
            message: string;
        };
        /** @enum {string} */
        FieldType: "string" | "number" | "integer" | "boolean" | "date" | "string[]";
        HealthChecksDto: {
            database: components["schemas"]["CheckState"];
            queue: components["schemas"]["CheckState"];
            redis: components["schemas"]["CheckState"];
        };
        HealthDetailsDto: {
            /** @description null while the database cannot be read. */
            queue: components["schemas"]["QueueDetailsDto"] | null;
        };
        HealthDto: {
            checks: components["schemas"]["HealthChecksDto"];
            details: components["schemas"]["HealthDetailsDto"];
            status: components["schemas"]["HealthStatus"];
            /** @example 0.1.0 */
            version: string;
        };
        /** @enum {string} */
        HealthStatus: "ok" | "degraded" | "error";
        /** @enum {string} */
        IndexingStatus: "pending" | "processing" | "indexed" | "failed";
        IngestAcceptedDto: {
            /** @description Records accepted for processing. */
            accepted: number;
            /** @example pending */
            status: components["schemas"]["UploadStatus"];
            /** Format: uuid */
            upload_id: string;
        };
        IngestDto: {
            /** @description `append` (the default) adds every row; `upsert` updates the record with the same `external_id` (rows without one are added); `replace` stages the rows invisibly and, when the whole upload succeeded, swaps them in for all records of the record type in one transaction (nothing changes when it fails). */
            mode?: components["schemas"]["UploadMode"];
            /**
             * @description Records: objects with `name` (required), `description`, `external_id`, `visibility`, `collection_data`; any other key goes into collection_data.
             * @example [
             *       {
             *         "external_id": "BRG-6204",
             *         "name": "Ball bearing 6204",
             *         "price": 4.2
             *       }
             *     ]
             */
            records: {
                [key: string]: unknown;
            }[];
        };
        InvitationCreatedDto: {
            /** @description Lower-cased. */
            email: string;
            email_dispatch_status: components["schemas"]["EmailDispatchStatus"];
            /**
             * Format: date-time
             * @description 7 days after creation.
             */
            expires_at: string;
            /** Format: uuid */
            invitation_id: string;
            role: components["schemas"]["Role"];
        };
        /** @description `status`: `pending` until accepted, revoked (also when replaced by a newer invitation of the same email) or past `expires_at` (`expired`). `email_dispatch_status`: `queued` until the background job has sent the mail (`sent`) or given up (`failed`: permanent SMTP refusal, retries exhausted, or the invitation withdrawn before the mail went out). */
        InvitationDto: {
            /** Format: date-time */
            created_at: string;
            email: string;
            email_dispatch_status: components["schemas"]["EmailDispatchStatus"];
            /** Format: date-time */
            expires_at: string;
            /** Format: uuid */
            invitation_id: string;
            role: components["schemas"]["Role"];
            status: components["schemas"]["InvitationStatus"];
        };
        InvitationListDto: {
            /** @description Newest first. */
            invitations: components["schemas"]["InvitationDto"][];
        };
        /** @enum {string} */
        InvitationStatus: "pending" | "accepted" | "revoked" | "expired";
        KeyCreatorDto: {
            /** @description User creators, with include=created_by. */
            display_name?: string | null;
            /** @description User creators, with include=created_by. */
            email?: string;
            /**
             * Format: uuid
             * @description null for `system`.
             */
            id: string | null;
            /** @description API-key creators, with include=created_by. */
            key_prefix?: string;
            /** @description API-key creators, with include=created_by. */
            name?: string;
            type: components["schemas"]["ActorType"];
        };
        /** @enum {string} */
        KeyInclude: "usage" | "history" | "created_by" | "all";
        KeyRateLimitDto: {
            /** @description The key's own requests per minute (at most the plan's). */
            requests_per_minute: number;
        };
        KeyRateLimitInputDto: {
            /** @description At most the tenant's requests per minute (plan or custom limit). */
            requests_per_minute: number;
        };
        /**
         * @description `active`; `grace`: rotated, still valid until `grace_expires_at`; `expired`: past `expires_at`; `revoked`: revoked, or rotated and out of grace.
         * @enum {string}
         */
        KeyStatus: "active" | "grace" | "expired" | "revoked";
        /** @enum {string} */
        KeyStatusFilter: "active" | "grace" | "expired" | "revoked" | "all";
        KeyUsageDayDto: {
            /**
             * Format: date
             * @example 2026-03-08
             */
            date: string;
            /** @description Requests refused with 429 by the rate limiter. */
            rejected: number;
            /** @description Requests the rate limiter let through. */
            requests: number;
        };
        KeyUsageDto: {
            /** @description One entry per UTC day, oldest first, today last; days without traffic are zeros. Counters are buffered in memory and written every few seconds, so the newest requests may not be counted yet. */
            days: components["schemas"]["KeyUsageDayDto"][];
            /** Format: uuid */
            key_id: string;
        };
        KeyUsageSummaryDto: {
            days: components["schemas"]["KeyUsageDayDto"][];
            total_rejected: number;
            total_requests: number;
        };
        LoginDto: {
            /** Format: email */
            email: string;
            password: string;
            /**
             * Format: uuid
             * @description Tenant to sign in to (default: the first one joined).
             */
            tenant_id?: string;
        };
        LoginResponseDto: {
            access_token: string;
            /** @description Seconds until the token expires. */
            expires_in: number;
            /** Format: uuid */
            tenant_id: string;
            /** @enum {string} */
            token_type: "Bearer";
        };
        /** @description A member of the tenant. `status` `blocked`: the member's tokens are refused until unblocked. */
        MemberDto: {
            display_name: string | null;
            email: string;
            /** Format: date-time */
            joined_at: string;
            role: components["schemas"]["Role"];
            status: components["schemas"]["MemberStatus"];
            /** Format: uuid */
            user_id: string;
        };
        MemberListDto: {
            /** @description In the order they joined. */
            members: components["schemas"]["MemberDto"][];
        };
        /** @enum {string} */
        MemberStatus: "active" | "blocked";
        MetricUsageDto: {
            /** @description Included in the plan; null when the plan sets none. */
            included: number | null;
            overage: number;
            /** @description EUR, rounded to cents. */
            overage_cost: number;
            used: number;
        };
        OpenSearchDto: {
            /**
             * @description Only collections of this name (any tenant).
             * @example products
             */
            collection?: string;
            /** @description Count every match for `total`, at the cost of reading them all (a broad word can match most of a collection). Default: false — `total` is exact up to SEARCH_EXACT_TOTAL_LIMIT matches (1,000 unless the operator set another) and a lower bound beyond it (`total_relation: "gte"`). */
            exact_total?: boolean;
            /** @description Default: 10. */
            limit?: number;
            /**
             * @description Not blank (at least one character that is not white space).
             * @example ball bearing
             */
            query: string;
        };
        OpenSearchResponseDto: {
            results: components["schemas"]["OpenSearchResultDto"][];
            /** @description Matching records, every page: exact when `total_relation` is `eq`; when it is `gte`, a lower bound (there are more matches than the count limit, SEARCH_EXACT_TOTAL_LIMIT, 1,000 by default: `total` is that limit, or more when the page itself lies beyond it). Ask `exact_total: true` for the exact count. Pages past the bound are served as any other. */
            total: number;
            /** @description `eq`: `total` is the exact number of matches. `gte`: there are at least `total` matches (counting stopped at the limit). */
            total_relation: components["schemas"]["TotalRelation"];
        };
        OpenSearchResultDto: {
            collection: string;
            collection_data: {
                [key: string]: unknown;
            };
            description: string | null;
            /** Format: uuid */
            id: string;
            name: string;
            /** @description The tenant that publishes the record. */
            provider: components["schemas"]["ProviderDto"];
            record_type: string;
            /** @description Relevance in [0, 1): full-text matches score 0.5 and above — 0.75 and above when the name holds every searched word, ranked by full-text rank within each tier (name > description > searchable fields); corrected (fuzzy) matches, when nothing matches the words as typed, below 0.5 in the same two tiers. */
            score: number;
            visibility: components["schemas"]["Visibility"];
        };
        /** @enum {string} */
        PlanName: "free" | "pro" | "scale" | "enterprise";
        PortalKeyListDto: {
            keys: components["schemas"]["ApiKeyDto"][];
        };
        ProjectDetailDto: {
            /** @description Keys with status `active` in this project. */
            active_key_count: number;
            /** Format: date-time */
            created_at: string;
            environments: components["schemas"]["EnvironmentDto"][];
            /** Format: uuid */
            id: string;
            /** @description At most this many active keys per project (the plan's). */
            key_limit: number;
            name: string;
        };
        ProjectDto: {
            /** @description Keys with status `active` in this project. */
            active_key_count: number;
            /** Format: date-time */
            created_at: string;
            /** Format: uuid */
            id: string;
            /** @description At most this many active keys per project (the plan's). */
            key_limit: number;
            name: string;
        };
        ProjectListDto: {
            projects: components["schemas"]["ProjectDto"][];
        };
        ProjectNameDto: {
            /** @description Not blank; unique in the tenant (409 otherwise). */
            name: string;
        };
        ProviderDto: {
            /** @example Acme Bearings */
            name: string;
            /** Format: uuid */
            tenant_id: string;
        };
        PutSchemaDto: {
            fields: components["schemas"]["SchemaFieldInputDto"][];
        };
        QueueDetailsDto: {
            /** @description Background jobs waiting (due now or later, retries included) or running. */
            depth: number;
            /** @description Seconds the longest-waiting due job has waited to be picked up; 0 when none waits. A growing value means the workers do not keep up (or none runs). */
            oldest_pending_age_seconds: number;
            /** @description Jobs running now (on any instance). */
            running: number;
        };
        QuickstartDto: {
            all_completed: boolean;
            /** @description In order: create_api_key, define_schema, upload_data, first_search. */
            steps: components["schemas"]["QuickstartStepDto"][];
        };
        /** @enum {string} */
        QuickstartStep: "create_api_key" | "define_schema" | "upload_data" | "first_search";
        QuickstartStepDto: {
            completed: boolean;
            /**
             * Format: date-time
             * @description The first time it happened.
             */
            completed_at: string | null;
            id: components["schemas"]["QuickstartStep"];
            /** @example Create an API key */
            title: string;
        };
        RangeFilterDto: {
            /** @description At least this (inclusive). A number for number and integer fields; for date fields a date (`2024-05-01`) or a date-time (`2024-05-01T12:00:00Z`; `T` or a space, seconds and zone optional, no zone means UTC). An impossible day or time (`2024-02-30`, `12:60`) answers 422. */
            gte?: number | string;
            /** @description At most this (inclusive); a date without a time includes that whole day. A number for number and integer fields; for date fields a date (`2024-05-01`) or a date-time (`2024-05-01T12:00:00Z`; `T` or a space, seconds and zone optional, no zone means UTC). An impossible day or time (`2024-02-30`, `12:60`) answers 422. */
            lte?: number | string;
        };
        RecordDto: {
            /** @example products */
            collection: string;
            /**
             * @description Free-form fields, validated against the record type’s schema when it has one.
             * @example {
             *       "price": 4.2,
             *       "sku": "BRG-6204",
             *       "tags": [
             *         "steel"
             *       ]
             *     }
             */
            collection_data: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            created_at: string;
            description: string | null;
            /** @description Your own id; unique per collection and record type. */
            external_id: string | null;
            /** Format: uuid */
            id: string;
            /** @description Why the record failed validation (`failed`). */
            indexing_error: string | null;
            indexing_status: components["schemas"]["IndexingStatus"];
            /** @example Deep groove ball bearing 6204 */
            name: string;
            /** @example part */
            record_type: string;
            /** Format: date-time */
            updated_at: string;
            visibility: components["schemas"]["Visibility"];
        };
        RecordListDto: {
            items: components["schemas"]["RecordDto"][];
            /** @description Records matching the query, all pages. */
            total: number;
        };
        RecordTypeSchemaDto: {
            fields: components["schemas"]["SchemaFieldDto"][];
            /** @example part */
            record_type: string;
            /** Format: date-time */
            updated_at: string;
        };
        ReindexAcceptedDto: {
            /** @example products */
            collection: string;
            /** @description Records that will be re-validated and re-indexed. */
            records: number;
            /**
             * @example pending
             * @enum {string}
             */
            status: "pending";
        };
        /** @enum {string} */
        Role: "viewer" | "developer" | "admin" | "owner";
        RotateKeyDto: {
            /**
             * @description 0 revokes the old key at once; otherwise it keeps working until `grace_expires_at`.
             * @default 0
             */
            grace_period_seconds?: number;
        };
        RotatedApiKeyDto: {
            /** Format: date-time */
            created_at: string;
            created_by: components["schemas"]["KeyCreatorDto"];
            /** Format: uuid */
            environment_id: string;
            /** Format: date-time */
            expires_at: string | null;
            /** Format: date-time */
            grace_expires_at: string | null;
            /** @description With include=history: the keys this one replaced, newest first. */
            history?: components["schemas"]["ApiKeyDto"][];
            /** Format: uuid */
            id: string;
            /**
             * @description The raw key. Returned exactly once.
             * @example sk_live_…
             */
            key: string;
            /**
             * @description The first 12 characters of the key.
             * @example sk_live_AbCd
             */
            key_prefix: string;
            /**
             * Format: date-time
             * @description Written in batches, at most once a minute per key.
             */
            last_used_at: string | null;
            /** @example Store this key securely — it cannot be retrieved again. */
            message: string;
            name: string;
            /** Format: date-time */
            next_rotation_at: string | null;
            /**
             * Format: uuid
             * @description The key that was rotated (now in grace or revoked).
             */
            old_key_id: string;
            /** Format: uuid */
            project_id: string;
            rate_limit: components["schemas"]["KeyRateLimitDto"] | null;
            /**
             * Format: uuid
             * @description The successor after a rotation.
             */
            replaced_by_key_id: string | null;
            /**
             * Format: date-time
             * @description When the key stopped working: revocation, or the end of its rotation grace.
             */
            revoked_at: string | null;
            rotation_interval_days: number | null;
            rotation_webhook_url: string | null;
            scopes: components["schemas"]["Scope"][];
            /** @description `active`; `grace`: rotated, still valid until `grace_expires_at`; `expired`: past `expires_at`; `revoked`: revoked, or rotated and out of grace. */
            status: components["schemas"]["KeyStatus"];
            /** @description With include=usage: the last 30 UTC days. */
            usage?: components["schemas"]["KeyUsageSummaryDto"];
        };
        SchemaDto: {
            /** @example products */
            collection: string;
            fields: components["schemas"]["SchemaFieldDto"][];
            /** @example part */
            record_type: string;
            /** Format: date-time */
            updated_at: string;
        };
        SchemaFieldDto: {
            filterable: boolean;
            /** @example price */
            name: string;
            required: boolean;
            searchable: boolean;
            type: components["schemas"]["FieldType"];
        };
        SchemaFieldInputDto: {
            /** @description The field may be used in search `filters` (equality; `gte`/`lte` for number, integer and date). Default: false. */
            filterable?: boolean;
            /**
             * @description Key in `collection_data` (`^[A-Za-z_][A-Za-z0-9_-]{0,62}$`; not `id`, `name`, `description`, `external_id`, `visibility`, `collection_data`).
             * @example price
             */
            name: string;
            /** @description Records without this field fail validation. Default: false. */
            required?: boolean;
            /** @description The value joins the full-text index (weighted below name and description). Default: false. */
            searchable?: boolean;
            type: components["schemas"]["FieldType"];
        };
        /**
         * @description At least one. Unknown scopes: 422 naming them (`scopes[1]`). A key may only grant scopes it holds itself; a developer never `admin`, `keys:*` or `audit:read` (403).
         * @enum {string}
         */
        Scope: "search" | "ingest" | "upload" | "entities" | "entities:read" | "entities:write" | "keys:read" | "keys:write" | "usage:read" | "audit:read" | "admin";
        SearchDto: {
            /** @description Count every match for `total`, at the cost of reading them all (a broad word can match most of a collection). Default: false — `total` is exact up to SEARCH_EXACT_TOTAL_LIMIT matches (1,000 unless the operator set another) and a lower bound beyond it (`total_relation: "gte"`). */
            exact_total?: boolean;
            /**
             * @description Filters on `filterable` schema fields: `{field: value}` (equality; for `string[]` fields: contains the value) or `{field: {gte, lte}}` (number, integer and date fields). Any other field: 422.
             * @example {
             *       "in_stock": true,
             *       "price": {
             *         "gte": 1,
             *         "lte": 10
             *       }
             *     }
             */
            filters?: {
                [key: string]: string | number | boolean | components["schemas"]["RangeFilterDto"];
            };
            /** @description When the words of the query match no record, search again with each word replaced by the words of the collection closest to it: resembling it by trigrams (pg_trgm similarity ≥ 0.3) and fewest edits away (at most 1 for words of up to 4 letters, 2 for longer ones), so misspellings (`bearng`) still find records, scored below 0.5. Default: true. */
            fuzzy?: boolean;
            /** @description Default: 10. */
            limit?: number;
            /** @description Default: 0. */
            offset?: number;
            /**
             * @description Not blank (at least one character that is not white space).
             * @example ball bearing
             */
            query: string;
            /** @example part */
            record_type?: string;
        };
        SearchResponseDto: {
            collection: string;
            query: string;
            results: components["schemas"]["SearchResultDto"][];
            /** @description Time spent searching, in milliseconds. */
            took_ms: number;
            /** @description Matching records, every page: exact when `total_relation` is `eq`; when it is `gte`, a lower bound (there are more matches than the count limit, SEARCH_EXACT_TOTAL_LIMIT, 1,000 by default: `total` is that limit, or more when the page itself lies beyond it). Ask `exact_total: true` for the exact count. Pages past the bound are served as any other. */
            total: number;
            /** @description `eq`: `total` is the exact number of matches. `gte`: there are at least `total` matches (counting stopped at the limit). */
            total_relation: components["schemas"]["TotalRelation"];
        };
        SearchResultDto: {
            collection_data: {
                [key: string]: unknown;
            };
            description: string | null;
            /** Format: uuid */
            id: string;
            name: string;
            record_type: string;
            /** @description Relevance in [0, 1): full-text matches score 0.5 and above — 0.75 and above when the name holds every searched word, ranked by full-text rank within each tier (name > description > searchable fields); corrected (fuzzy) matches, when nothing matches the words as typed, below 0.5 in the same two tiers. */
            score: number;
            visibility: components["schemas"]["Visibility"];
        };
        SecuritySettingsDto: {
            /**
             * @description API-key calls from outside these ranges are refused with 403 `ip_not_allowed`; empty: no restriction. Portal sessions (JWT) are not restricted.
             * @example [
             *       "203.0.113.0/24",
             *       "2001:db8::/32"
             *     ]
             */
            allowed_ip_ranges: string[];
            /** @description New API keys may not expire later than this many days after creation (null: no limit). */
            max_key_lifetime_days: number | null;
            /** @description New API keys must carry `expires_at` (else 422). */
            require_key_expiration: boolean;
            /** @description Lifetime of new portal tokens (login, switch-tenant, invitation accept) for this tenant. */
            session_ttl_minutes: number;
        };
        SignupDto: {
            /** @description Also the name of the new tenant (default: the email's domain, e.g. `example.com` for `ada@example.com`; never the address itself, since open search shows tenant names). */
            company?: string;
            display_name?: string;
            /** Format: email */
            email: string;
            /** @description At least 10 characters, at most 72 bytes (bcrypt). */
            password: string;
        };
        SignupResponseDto: {
            access_token: string;
            /** @description Seconds until the token expires. */
            expires_in: number;
            tenant: components["schemas"]["TenantSummaryDto"];
            /** @enum {string} */
            token_type: "Bearer";
            user: components["schemas"]["UserDto"];
        };
        SwitchTenantDto: {
            /** Format: uuid */
            tenant_id: string;
        };
        TenantListDto: {
            tenants: components["schemas"]["TenantMembershipDto"][];
        };
        TenantMembershipDto: {
            name: string;
            plan: components["schemas"]["PlanName"];
            role: components["schemas"]["Role"];
            /** Format: uuid */
            tenant_id: string;
        };
        TenantSummaryDto: {
            name: string;
            plan: components["schemas"]["PlanName"];
            /** Format: uuid */
            tenant_id: string;
        };
        /**
         * @description `eq`: `total` is the exact number of matches. `gte`: there are at least `total` matches (counting stopped at the limit).
         * @enum {string}
         */
        TotalRelation: "eq" | "gte";
        UpdateAccountDto: {
            /** @description null removes it; absent keeps it. */
            company?: string | null;
            /** @description null removes it; absent keeps it. */
            display_name?: string | null;
        };
        UpdateRecordDto: {
            /**
             * @description Merged into the stored collection_data key by key; a key set to null is removed. The result is validated against the schema.
             * @example {
             *       "price": 4.2,
             *       "sku": "BRG-6204",
             *       "tags": [
             *         "steel"
             *       ]
             *     }
             */
            collection_data?: {
                [key: string]: unknown;
            };
            /** @description null removes it; absent keeps it. */
            description?: string | null;
            /** @description null removes it; absent keeps it. */
            external_id?: string | null;
            /** @description Not blank. */
            name?: string;
            visibility?: components["schemas"]["Visibility"];
        };
        UpdateSecuritySettingsDto: {
            /**
             * @description IPv4/IPv6 CIDRs or single addresses; stored normalised (host bits cleared, single addresses as /32 or /128, duplicates dropped). Replaces the whole list; [] lifts the restriction.
             * @example [
             *       "203.0.113.0/24",
             *       "198.51.100.7",
             *       "2001:db8::/32"
             *     ]
             */
            allowed_ip_ranges?: string[];
            /** @description null removes the limit. */
            max_key_lifetime_days?: number | null;
            require_key_expiration?: boolean;
            session_ttl_minutes?: number;
        };
        UpdateWebhookEndpointDto: {
            /** @description true re-enables an endpoint (also one Cistern disabled: its `disabled_reason` and failure streak are cleared); false disables it. */
            enabled?: boolean;
            /** @description Events this endpoint receives (at least one, no repeats): `upload.completed`, `upload.failed`, `usage.threshold`, `api_key.expiring`, `api_key.rotated`. */
            events?: components["schemas"]["WebhookEventType"][];
            /** @description Where events are POSTed. https only, and it must not resolve to a private, loopback or link-local address (unless the server runs with WEBHOOK_ALLOW_PRIVATE=true, which also allows http). Checked again at every delivery. */
            url?: string;
        };
        UploadAcceptedDto: {
            /** @description Data rows found in the file (the CSV header is not a row). */
            rows_received: number;
            /** @description `pending` when queued; `failed` when the file cannot be parsed (see `GET /uploads/{id}` for why). */
            status: components["schemas"]["UploadStatus"];
            /** Format: uuid */
            upload_id: string;
        };
        UploadDto: {
            /** @example products */
            collection: string;
            /** Format: date-time */
            created_at: string;
            /** @description The first 100 row errors. */
            errors: components["schemas"]["UploadErrorDto"][];
            /** Format: date-time */
            finished_at: string | null;
            /** Format: uuid */
            id: string;
            mode: components["schemas"]["UploadMode"];
            /** @example part */
            record_type: string;
            /** @description Rows skipped (no name, not a record, over the record cap) plus rows stored as `failed` records. */
            rows_failed: number;
            /** @description Rows stored as indexed records. */
            rows_indexed: number;
            rows_total: number;
            status: components["schemas"]["UploadStatus"];
        };
        UploadErrorDto: {
            /** @example name is required */
            message: string;
            /** @description 1-based data row (the CSV header is not a row; 0 when not about one row). */
            row: number;
        };
        UploadFileBodyDto: {
            /**
             * Format: binary
             * @description The file, at most 50 MiB, UTF-8: `.csv` (RFC 4180, header row, optional BOM), `.json` (an array of objects) or `.ndjson`/`.jsonl` (one object per line). The type is taken from the file name, else from the part’s media type.
             */
            file: string;
            /** @description `append` (the default) adds every row; `upsert` updates the record with the same `external_id` (rows without one are added); `replace` stages the rows invisibly and, when the whole upload succeeded, swaps them in for all records of the record type in one transaction (nothing changes when it fails). */
            mode?: components["schemas"]["UploadMode"];
        };
        UploadListDto: {
            total: number;
            /** @description Newest first. */
            uploads: components["schemas"]["UploadDto"][];
        };
        /**
         * @description `append` (the default) adds every row; `upsert` updates the record with the same `external_id` (rows without one are added); `replace` stages the rows invisibly and, when the whole upload succeeded, swaps them in for all records of the record type in one transaction (nothing changes when it fails).
         * @enum {string}
         */
        UploadMode: "append" | "upsert" | "replace";
        /** @enum {string} */
        UploadStatus: "pending" | "processing" | "completed" | "failed";
        UsageDto: {
            allows_overage: boolean;
            /** @description EUR: records.overage_cost + searches.overage_cost. */
            estimated_overage_total: number;
            /** @example 2026-11 */
            period: string;
            plan: components["schemas"]["PlanName"];
            rate_limit: components["schemas"]["UsageRateLimitDto"];
            /** @description Records are a level, not a flow: `used` is the number of records now, whatever the period. */
            records: components["schemas"]["MetricUsageDto"];
            /** @description Searches in the period (API and portal). */
            searches: components["schemas"]["MetricUsageDto"];
            /** Format: uuid */
            tenant_id: string;
        };
        UsageRateLimitDto: {
            /** @description -1: unlimited. */
            max_collections: number;
            requests_per_minute: number;
            search_per_minute: number;
        };
        UserDto: {
            company: string | null;
            /** Format: date-time */
            created_at: string;
            display_name: string | null;
            email: string;
            /** Format: uuid */
            user_id: string;
        };
        /** @enum {string} */
        Visibility: "private" | "public";
        WebhookDeliveryDto: {
            /** @description Attempts so far. */
            attempts: number;
            /** Format: date-time */
            created_at: string;
            /**
             * @description The event type, or `webhook.test` for a test delivery.
             * @example upload.completed
             */
            event_type: string;
            /** Format: date-time */
            finished_at: string | null;
            /**
             * Format: uuid
             * @description The `webhook-id` header of every attempt of this delivery.
             */
            id: string;
            /** Format: date-time */
            last_attempt_at: string | null;
            last_error: string | null;
            /** @description HTTP status of the last answer (null: none, e.g. a timeout). */
            last_status_code: number | null;
            /** @description `pending`: not yet delivered, retries to come; `delivered`: a 2xx answer; `failed`: given up. */
            status: components["schemas"]["WebhookDeliveryStatus"];
        };
        WebhookDeliveryListDto: {
            /** @description Newest first. */
            deliveries: components["schemas"]["WebhookDeliveryDto"][];
            /** @description Deliveries of this endpoint kept (finished ones go after 30 days). */
            total: number;
        };
        /**
         * @description `pending`: not yet delivered, retries to come; `delivered`: a 2xx answer; `failed`: given up.
         * @enum {string}
         */
        WebhookDeliveryStatus: "pending" | "delivered" | "failed";
        WebhookEndpointDto: {
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            disabled_at: string | null;
            /**
             * @description Why Cistern disabled the endpoint: `gone` (the receiver answered 410), `failing` (every attempt failed for 3 days). null when enabled or disabled by a person.
             * @enum {string|null}
             */
            disabled_reason: "gone" | "failing" | null;
            enabled: boolean;
            events: components["schemas"]["WebhookEventType"][];
            /**
             * Format: date-time
             * @description First failed attempt since the last successful delivery (null: the last attempt succeeded).
             */
            failing_since: string | null;
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            updated_at: string;
            url: string;
        };
        WebhookEndpointListDto: {
            /** @description Oldest first. */
            endpoints: components["schemas"]["WebhookEndpointDto"][];
        };
        /** @enum {string} */
        WebhookEventType: "upload.completed" | "upload.failed" | "usage.threshold" | "api_key.expiring" | "api_key.rotated";
        WebhookSettingsDto: {
            /**
             * @description Standard Webhooks signing secret of the tenant: `webhook-signature` is `v1,` + base64 HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}` keyed with the base64-decoded part after `whsec_`.
             * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
             */
            signing_secret: string;
        };
        WhoamiDto: {
            /** Format: uuid */
            environment_id: string;
            /** Format: date-time */
            expires_at: string | null;
            /** Format: uuid */
            key_id: string;
            /** @example sk_live_AbCd */
            key_prefix: string;
            /** Format: uuid */
            project_id: string;
            rate_limit: components["schemas"]["WhoamiRateLimitDto"];
            scopes: components["schemas"]["Scope"][];
            /** Format: uuid */
            tenant_id: string;
        };
        WhoamiRateLimitDto: {
            /** @description Requests left in the current minute, after this one. */
            remaining: number;
            requests_per_minute: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getAnalytics: {
        parameters: {
            query?: {
                /** @description A UTC month, YYYY-MM (default: the current one). */
                period?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnalyticsDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope usage:read. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query: {
                limit?: number;
                offset?: number;
                /** @description Default: every status but `revoked` (revoked keys leave the default lists); `all`: every key. */
                status?: components["schemas"]["KeyStatusFilter"];
                environment_id?: string;
                project_id: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyDto"][];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope keys:read or portal session (JWT) with role viewer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Project not found. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed (`errors` names the fields). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateProjectKeyDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKeyDto"];
                };
            };
            /** @description The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope keys:write or portal session (JWT) with role developer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description project_id / environment_id not found. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description `key_limit_reached` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not `application/json` (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed (`errors` names the fields). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getApiKey: {
        parameters: {
            query?: {
                /** @description Comma list (`include=usage,history`) or repeated: `usage` (last 30 days), `history` (the keys this one replaced), `created_by` (details of the user or key that made it), `all`. Unknown token: 422. */
                include?: components["schemas"]["KeyInclude"][];
            };
            header?: never;
            path: {
                /** @description API key id (anything else answers 404). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope keys:read or portal session (JWT) with role viewer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed (`errors` names the fields). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description API key id (anything else answers 404). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked (or already no longer working). */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope keys:write or portal session (JWT) with role developer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed (`errors` names the fields). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    rotateApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description API key id (anything else answers 404). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RotateKeyDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyRotationDto"];
                };
            };
            /** @description The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope keys:write or portal session (JWT) with role developer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Already revoked, replaced or expired; or a racing rotation won. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not `application/json` (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed (`errors` names the fields). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listAuditEvents: {
        parameters: {
            query?: {
                action?: components["schemas"]["AuditAction"];
                /** @description Id of the user, API key or "system" that acted. */
                actor_id?: string;
                /** @description Id of the object acted upon. */
                target_id?: string;
                /** @description Only events at or after this instant. */
                since?: string;
                /** @description Only events before this instant. */
                until?: string;
                limit?: number;
                /** @description The `next_cursor` of the previous page. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPageDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope audit:read or portal session (JWT) with role admin or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listKeys: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                /** @description Default: every status but `revoked` (revoked keys leave the default lists); `all`: every key. */
                status?: components["schemas"]["KeyStatusFilter"];
                environment_id?: string;
                /** @description Only the keys of this project. */
                project_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyDto"][];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope keys:read. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description project_id / environment_id not found. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed (`errors` names the fields). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    createKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateKeyDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKeyDto"];
                };
            };
            /** @description The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope keys:write. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description project_id / environment_id not found. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description `key_limit_reached` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not `application/json` (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed (`errors` names the fields). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getKey: {
        parameters: {
            query?: {
                /** @description Comma list (`include=usage,history`) or repeated: `usage` (last 30 days), `history` (the keys this one replaced), `created_by` (details of the user or key that made it), `all`. Unknown token: 422. */
                include?: components["schemas"]["KeyInclude"][];
            };
            header?: never;
            path: {
                /** @description API key id (anything else answers 404). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope keys:read. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed (`errors` names the fields). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    revokeKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description API key id (anything else answers 404). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked (or already no longer working). */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope keys:write. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed (`errors` names the fields). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    rotateKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description API key id (anything else answers 404). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RotateKeyDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RotatedApiKeyDto"];
                };
            };
            /** @description The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope keys:write. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Already revoked, replaced or expired; or a racing rotation won. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not `application/json` (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed (`errors` names the fields). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    whoami: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WhoamiDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: any valid API key. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listCollections: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CollectionListDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope entities:read. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid name (`validation_error`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    deleteCollection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope admin. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid name (`validation_error`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listEntities: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                /** @description Only records of this type. */
                record_type?: string;
            };
            header?: never;
            path: {
                collection: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecordListDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope entities:read. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid name or body; `collection_data` not matching the schema names each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getEntity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                collection: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecordDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope entities:read. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid name or body; `collection_data` not matching the schema names each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    deleteEntity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                collection: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope entities:write. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid name or body; `collection_data` not matching the schema names each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    updateEntity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                collection: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["UpdateRecordDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecordDto"];
                };
            };
            /** @description The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope entities:write. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not `application/json` (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid name or body; `collection_data` not matching the schema names each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    createEntity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                collection: string;
                record_type: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRecordDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecordDto"];
                };
            };
            /** @description The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope entities:write. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not `application/json` (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid name or body; `collection_data` not matching the schema names each field. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    exportCollection: {
        parameters: {
            query?: {
                /** @description Only records of this type. */
                record_type?: string;
            };
            header?: never;
            path: {
                collection: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description NDJSON: one record (the record shape of `GET /entities/{collection}/{id}`) per line. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": string;
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope admin. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid name (`validation_error`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The database is down (`status: "error"`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthDto"];
                };
            };
        };
    };
    ingestRecords: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                collection: string;
                record_type: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IngestDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IngestAcceptedDto"];
                };
            };
            /** @description The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope ingest. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not `application/json` (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid name, field or body (`validation_error`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    openSearch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OpenSearchDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenSearchResponseDto"];
                };
            };
            /** @description The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not `application/json` (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid body or filter (`validation_error`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Over the per-IP limit (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role viewer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    updateAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["UpdateAccountDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountDto"];
                };
            };
            /** @description The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role viewer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not `application/json` (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangePasswordDto"];
            };
        };
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role viewer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not `application/json` (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getPortalAnalytics: {
        parameters: {
            query?: {
                /** @description A UTC month, YYYY-MM (default: the current one). */
                period?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnalyticsDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role viewer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginResponseDto"];
                };
            };
            /** @description The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not `application/json` (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    signup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignupDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignupResponseDto"];
                };
            };
            /** @description The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description `email_taken` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not `application/json` (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    switchTenant: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SwitchTenantDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginResponseDto"];
                };
            };
            /** @description The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role viewer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description You are not an active member of that tenant (`not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not `application/json` (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    portalListCollections: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CollectionListDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role viewer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid name, query or body (`validation_error`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    portalDeleteCollection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role admin or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid name, query or body (`validation_error`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    portalExportCollection: {
        parameters: {
            query?: {
                /** @description Only records of this type. */
                record_type?: string;
            };
            header?: never;
            path: {
                collection: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description NDJSON: one record (the record shape of `GET /entities/{collection}/{id}`) per line. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": string;
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role admin or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid name, query or body (`validation_error`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    portalIngestRecords: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                collection: string;
                record_type: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IngestDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IngestAcceptedDto"];
                };
            };
            /** @description The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role developer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not `application/json` (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid name, query or body (`validation_error`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    acceptInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AcceptInvitationDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcceptedInvitationDto"];
                };
            };
            /** @description The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role viewer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Unknown token. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The invitation was already used, revoked or has expired; or you are a member already. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not `application/json` (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listPortalKeys: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                /** @description Default: every status but `revoked` (revoked keys leave the default lists); `all`: every key. */
                status?: components["schemas"]["KeyStatusFilter"];
                environment_id?: string;
                /** @description Only the keys of this project. */
                project_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PortalKeyListDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role viewer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description project_id / environment_id not found. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed (`errors` names the fields). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    createPortalKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateKeyDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKeyDto"];
                };
            };
            /** @description The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role developer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description project_id / environment_id not found. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description `key_limit_reached` */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not `application/json` (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed (`errors` names the fields). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getPortalKey: {
        parameters: {
            query?: {
                /** @description Comma list (`include=usage,history`) or repeated: `usage` (last 30 days), `history` (the keys this one replaced), `created_by` (details of the user or key that made it), `all`. Unknown token: 422. */
                include?: components["schemas"]["KeyInclude"][];
            };
            header?: never;
            path: {
                /** @description API key id (anything else answers 404). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role viewer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed (`errors` names the fields). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    revokePortalKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description API key id (anything else answers 404). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked (or already no longer working). */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role developer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed (`errors` names the fields). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    rotatePortalKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description API key id (anything else answers 404). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RotateKeyDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RotatedApiKeyDto"];
                };
            };
            /** @description The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role developer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Already revoked, replaced or expired; or a racing rotation won. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not `application/json` (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed (`errors` names the fields). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getPortalKeyUsage: {
        parameters: {
            query?: {
                /** @description UTC days, today included. */
                days?: number;
            };
            header?: never;
            path: {
                /** @description API key id (anything else answers 404). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KeyUsageDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role viewer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed (`errors` names the fields). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    changePlan: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangePlanDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageDto"];
                };
            };
            /** @description The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role owner or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not `application/json` (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getQuickstart: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuickstartDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role viewer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    portalListRecords: {
        parameters: {
            query: {
                limit?: number;
                offset?: number;
                /** @description Only records of this type. */
                record_type?: string;
                collection: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecordListDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role viewer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid name, query or body (`validation_error`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    portalGetRecord: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                collection: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecordDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role viewer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid name, query or body (`validation_error`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    portalDeleteRecord: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                collection: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role developer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid name, query or body (`validation_error`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    portalUpdateRecord: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                collection: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["UpdateRecordDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecordDto"];
                };
            };
            /** @description The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role developer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not `application/json` (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid name, query or body (`validation_error`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    portalCreateRecord: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                collection: string;
                record_type: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRecordDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecordDto"];
                };
            };
            /** @description The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role developer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not `application/json` (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid name, query or body (`validation_error`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    portalReindexCollection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                collection: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReindexAcceptedDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role admin or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid name, query or body (`validation_error`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    portalGetSchemas: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                collection: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CollectionSchemasDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role viewer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid name, query or body (`validation_error`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    portalPutSchema: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                collection: string;
                record_type: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutSchemaDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SchemaDto"];
                };
            };
            /** @description The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role developer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not `application/json` (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid name, query or body (`validation_error`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    portalSearch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                collection: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SearchDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SearchResponseDto"];
                };
            };
            /** @description The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role viewer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not `application/json` (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid name, query or body (`validation_error`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listMyTenants: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantListDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role viewer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    portalUploadFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                collection: string;
                record_type: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["UploadFileBodyDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadAcceptedDto"];
                };
            };
            /** @description Malformed multipart body (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role developer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The file is over 50 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Not multipart, or not a .csv/.json/.ndjson/.jsonl file (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid name, query or body (`validation_error`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    portalListUploads: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                /** @description Only uploads into this collection. */
                collection?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadListDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role viewer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid name, query or body (`validation_error`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    portalGetUpload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role viewer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid name, query or body (`validation_error`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getPortalUsage: {
        parameters: {
            query?: {
                /** @description A UTC month, YYYY-MM (default: the current one). */
                period?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role viewer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listProjects: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectListDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope keys:read or portal session (JWT) with role viewer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed (`errors` names the fields). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    createProject: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProjectNameDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectDetailDto"];
                };
            };
            /** @description The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope keys:write or portal session (JWT) with role admin or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A project with this name exists. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not `application/json` (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed (`errors` names the fields). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project id (anything else answers 404). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectDetailDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope keys:read or portal session (JWT) with role viewer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed (`errors` names the fields). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    deleteProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project id (anything else answers 404). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope keys:write or portal session (JWT) with role admin or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed (`errors` names the fields). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    updateProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project id (anything else answers 404). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProjectNameDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectDetailDto"];
                };
            };
            /** @description The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope keys:write or portal session (JWT) with role admin or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Name taken, or the `default` project. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not `application/json` (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed (`errors` names the fields). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listEnvironments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project id (anything else answers 404). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvironmentListDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope keys:read or portal session (JWT) with role viewer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed (`errors` names the fields). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    createEnvironment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Project id (anything else answers 404). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateEnvironmentDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvironmentDto"];
                };
            };
            /** @description The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope keys:write or portal session (JWT) with role admin or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The project has an environment with this name. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not `application/json` (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed (`errors` names the fields). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    reindexCollection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                collection: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReindexAcceptedDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope admin. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid name (`validation_error`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getSchemas: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                collection: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CollectionSchemasDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope entities:read. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid name or body (`validation_error`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    putSchema: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                collection: string;
                record_type: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutSchemaDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SchemaDto"];
                };
            };
            /** @description The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope ingest. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not `application/json` (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid name or body (`validation_error`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    search: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                collection: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SearchDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SearchResponseDto"];
                };
            };
            /** @description The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope search. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not `application/json` (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid body or filter (`validation_error`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getSecuritySettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecuritySettingsDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope admin or portal session (JWT) with role viewer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    updateSecuritySettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["UpdateSecuritySettingsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecuritySettingsDto"];
                };
            };
            /** @description The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role admin or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not `application/json` (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getWebhookSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSettingsDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope admin or portal session (JWT) with role admin or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listWebhookEndpoints: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointListDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope admin or portal session (JWT) with role admin or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed (`errors` names the fields). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    createWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookEndpointDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointDto"];
                };
            };
            /** @description The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope admin or portal session (JWT) with role admin or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The tenant already has 20 endpoints. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not `application/json` (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed (`errors` names the fields). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope admin or portal session (JWT) with role admin or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed (`errors` names the fields). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    deleteWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope admin or portal session (JWT) with role admin or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed (`errors` names the fields). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    updateWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["UpdateWebhookEndpointDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointDto"];
                };
            };
            /** @description The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: portal session (JWT) with role admin or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not `application/json` (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed (`errors` names the fields). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryListDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope admin or portal session (JWT) with role admin or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed (`errors` names the fields). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    testWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope admin or portal session (JWT) with role admin or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Validation failed (`errors` names the fields). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSettingsDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope admin or portal session (JWT) with role admin or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listInvitations: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationListDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope admin or portal session (JWT) with role viewer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    createInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateInvitationDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationCreatedDto"];
                };
            };
            /** @description The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope admin or portal session (JWT) with role admin or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The email belongs to a member already. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not `application/json` (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    revokeInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope admin or portal session (JWT) with role admin or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such invitation in this tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Already accepted. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listMembers: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberListDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope admin or portal session (JWT) with role viewer or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    removeMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope admin or portal session (JWT) with role admin or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such member of this tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description `last_owner`: the tenant would be left without an active owner. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    changeMemberRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangeMemberRoleDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberDto"];
                };
            };
            /** @description The body is not valid JSON (`invalid_json`), or the URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope admin or portal session (JWT) with role admin or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such member of this tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description `last_owner`: the tenant would be left without an active owner. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is larger than 1 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The body is not `application/json` (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    blockMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope admin or portal session (JWT) with role admin or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such member of this tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Blocking yourself, or `last_owner`: the tenant would be left without an active owner. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    unblockMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MemberDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope admin or portal session (JWT) with role admin or above. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such member of this tenant. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    uploadFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                collection: string;
                record_type: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["UploadFileBodyDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadAcceptedDto"];
                };
            };
            /** @description Malformed multipart body (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope upload. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The file is over 50 MiB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Not multipart, or not a .csv/.json/.ndjson/.jsonl file (`unsupported_media_type`). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid name, field or body (`validation_error`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    listUploads: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                /** @description Only uploads into this collection. */
                collection?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadListDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope upload. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid name, field or body (`validation_error`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getUpload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UploadDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope upload. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Invalid name, field or body (`validation_error`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    getUsage: {
        parameters: {
            query?: {
                /** @description A UTC month, YYYY-MM (default: the current one). */
                period?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageDto"];
                };
            };
            /** @description The URL holds `%00` (`bad_request`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Needs: API key with scope usage:read. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Authenticated but not allowed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The request line or headers are too large, e.g. a very long path (`headers_too_large`). */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
}
