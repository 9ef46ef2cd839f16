/** The events a tenant's endpoints can subscribe to (rules §11, issue 19). */
export const WEBHOOK_EVENT_TYPES = [
  'upload.completed',
  'upload.failed',
  'usage.threshold',
  'api_key.expiring',
  'api_key.rotated',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Sent only by `POST /settings/webhooks/endpoints/{id}/test`, whatever the endpoint subscribes to. */
export const TEST_EVENT_TYPE = 'webhook.test';

export const DISABLED_REASONS = ['gone', 'failing'] as const;
/** `gone`: the receiver answered 410; `failing`: every attempt failed for 3 days. */
export type DisabledReason = (typeof DISABLED_REASONS)[number];

/** An endpoint whose attempts all failed for this long is disabled (and that is audited). */
export const FAILING_DISABLE_AFTER_MS = 3 * 86_400_000;

/** Endpoints per tenant. */
export const MAX_ENDPOINTS_PER_TENANT = 20;
