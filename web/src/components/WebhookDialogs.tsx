import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, api, describeError, unwrap, type Schemas } from '../api/client';
import { webhookEventTypeValues } from '../api/schema';
import { formatDateTime, formatRelative } from '../format';
import { Badge } from './Badge';
import { CheckGrid } from './CheckGrid';
import { ConfirmDialog } from './ConfirmDialog';
import { FormDialog } from './FormDialog';
import { Field } from './Field';

export type Endpoint = Schemas['WebhookEndpointDto'];
type EventType = Schemas['WebhookEventType'];

/** What each event means, in the words of the API's description of `listWebhookEndpoints`. */
export const EVENT_HELP: Record<EventType, string> = {
  'upload.completed': 'An upload or ingest finished, with its counts',
  'upload.failed': 'An upload or ingest failed, with its first errors',
  'usage.threshold': "80 % and 100 % of the plan's included searches or records",
  'api_key.expiring': '7 days and 1 day before a key expires',
  'api_key.rotated': 'A key was rotated on its schedule (never the raw key)',
};

const DISABLED_WHY: Record<NonNullable<Endpoint['disabled_reason']>, string> = {
  gone: 'The receiver answered 410 Gone.',
  failing: 'Every attempt failed for 3 days.',
};

/** Enabled, failing, or disabled — and why, and since when. */
export function EndpointStatus({ endpoint }: { endpoint: Endpoint }) {
  if (endpoint.enabled) {
    if (!endpoint.failing_since) return <Badge tone="success">enabled</Badge>;
    return (
      <span className="status-line">
        <Badge tone="warning">failing</Badge>
        <span className="muted" title={formatDateTime(endpoint.failing_since)}>
          since {formatRelative(endpoint.failing_since)}
        </span>
      </span>
    );
  }
  const why = endpoint.disabled_reason ? DISABLED_WHY[endpoint.disabled_reason] : 'Turned off by a person.';
  return (
    <span className="status-line">
      <Badge tone={endpoint.disabled_reason ? 'danger' : 'neutral'}>disabled</Badge>
      <span className="muted" title={endpoint.disabled_at ? formatDateTime(endpoint.disabled_at) : undefined}>
        {why}
      </span>
    </span>
  );
}

/** Queues a `webhook.test` delivery; its outcome shows in the endpoint's delivery log. */
export async function sendTestEvent(queryClient: QueryClient, id: string): Promise<void> {
  await unwrap(api.POST('/api/v1/settings/webhooks/endpoints/{id}/test', { params: { path: { id } } }));
  await queryClient.invalidateQueries({ queryKey: ['webhook-deliveries', id] });
}

function invalidateEndpoints(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: ['webhook-endpoints'] });
  void queryClient.invalidateQueries({ queryKey: ['webhook-endpoint'] });
}

/** Adds an endpoint (no `endpoint`) or changes one: URL, events, enabled. */
export function EndpointDialog({ endpoint, onClose }: { endpoint?: Endpoint; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [url, setUrl] = useState(endpoint?.url ?? '');
  const [events, setEvents] = useState<EventType[]>(endpoint?.events ?? []);
  const [enabled, setEnabled] = useState(endpoint?.enabled ?? true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const toggle = (event: EventType) =>
    setEvents((now) => (now.includes(event) ? now.filter((e) => e !== event) : [...now, event]));
  // The order of the generated enum, whatever order they were ticked in.
  const chosen = webhookEventTypeValues.filter((e) => events.includes(e));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = { url: url.trim(), events: chosen, enabled };
      if (endpoint) {
        await unwrap(
          api.PATCH('/api/v1/settings/webhooks/endpoints/{id}', {
            params: { path: { id: endpoint.id } },
            body,
          }),
        );
      } else {
        await unwrap(api.POST('/api/v1/settings/webhooks/endpoints', { body }));
      }
      invalidateEndpoints(queryClient);
      onClose();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const fieldErrors = error instanceof ApiError ? error.fieldErrors() : {};
  const eventsError = Object.entries(fieldErrors).find(([field]) => field.startsWith('events'))?.[1];

  return (
    <FormDialog
      title={endpoint ? 'Edit endpoint' : 'Add endpoint'}
      wide
      submitLabel={endpoint ? 'Save endpoint' : 'Add endpoint'}
      busyLabel="Saving…"
      busy={busy}
      ready={Boolean(url.trim()) && chosen.length > 0}
      onClose={onClose}
      onSubmit={(e) => void submit(e)}
    >
      <Field
        label="URL"
        type="url"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        placeholder="https://hooks.example.com/cistern"
        hint="https on a public address (unless this server allows private ones). Events are POSTed here as JSON."
        error={fieldErrors.url}
        autoFocus
      />
      <fieldset className="fieldset">
        <legend className="field-label">Events</legend>
        <CheckGrid options={webhookEventTypeValues} help={EVENT_HELP} chosen={events} onToggle={toggle} />
        {eventsError && <span className="field-error">{eventsError}</span>}
      </fieldset>
      {endpoint && !endpoint.enabled && endpoint.disabled_reason && (
        <div className="callout callout-warning">
          <strong>Cistern turned this endpoint off</strong>
          <p>
            {DISABLED_WHY[endpoint.disabled_reason]} Enabling it clears that and its failure streak; send a
            test first to check the receiver.
          </p>
        </div>
      )}
      <div className="stack-tight">
        <label className="check-inline">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          Enabled
        </label>
        <span className="field-hint">
          A disabled endpoint receives no events; “Send test” still reaches it.
        </span>
      </div>
      {error !== null && Object.keys(fieldErrors).length === 0 && (
        <p className="form-error" role="alert">
          {describeError(error)}
        </p>
      )}
    </FormDialog>
  );
}

export function DeleteEndpointDialog({
  endpoint,
  onClose,
  onDeleted,
}: {
  endpoint: Endpoint;
  onClose: () => void;
  onDeleted?: () => void;
}) {
  const queryClient = useQueryClient();
  return (
    <ConfirmDialog
      title="Delete this endpoint?"
      confirmLabel="Delete endpoint"
      danger
      onClose={onClose}
      onConfirm={async () => {
        await unwrap(
          api.DELETE('/api/v1/settings/webhooks/endpoints/{id}', { params: { path: { id: endpoint.id } } }),
        );
        invalidateEndpoints(queryClient);
        onDeleted?.();
      }}
    >
      <p>
        <code className="break">{endpoint.url}</code> stops receiving events. Deliveries still pending are
        dropped, and its delivery log goes with it.
      </p>
    </ConfirmDialog>
  );
}
