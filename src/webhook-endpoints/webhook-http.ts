import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { signWebhook } from './webhook-crypto.js';
import { WebhookTargetError, type ResolvedTarget, type WebhookUrlGuard } from './webhook-url-guard.js';

/** One deadline for connecting, sending and the answer's headers. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** A delivery attempt that failed (no answer in time, or refused); retried by the queue. */
export class DeliveryFailed extends Error {}

/** POSTs `body` to the already-checked address (pinned: no second DNS answer can redirect it). */
export function postWebhook(
  target: ResolvedTarget,
  body: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<number> {
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<number>((resolve, reject) => {
    let deadline: NodeJS.Timeout | undefined = undefined;
    const req = send(
      target.url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: pinned,
        signal,
        agent: false,
      },
      (res: IncomingMessage) => {
        clearTimeout(deadline);
        // Only the status matters: do not let a receiver keep the worker busy by dripping a body.
        resolve(res.statusCode ?? 0);
        res.destroy();
      },
    );
    // One deadline for connecting, sending and the answer's headers (the socket timeout is only an idle one).
    deadline = setTimeout(
      () => req.destroy(new DeliveryFailed(`no answer within ${WEBHOOK_TIMEOUT_MS} ms`)),
      WEBHOOK_TIMEOUT_MS,
    );
    req.on('error', (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    req.end(body);
  });
}

/** What one attempt came to. */
export type AttemptOutcome =
  /** The receiver answered (any status). */
  | { kind: 'answered'; status: number }
  /** The SSRF guard refuses the URL or its addresses: no retry can change that. */
  | { kind: 'refused'; message: string }
  /** No answer (unresolved host, connection failed, timeout): worth retrying. */
  | { kind: 'failed'; message: string };

/**
 * One Standard Webhooks attempt, shared by key rotation webhooks and tenant events: the URL is
 * resolved and checked by the SSRF guard at every attempt (the address pinned for the connection), the
 * body signed with the tenant's current secret and a fresh timestamp under the delivery's fixed
 * `webhook-id`. Throws only when `signal` aborts (shutdown: the queue gives the attempt back).
 */
export async function attemptWebhook(
  guard: WebhookUrlGuard,
  url: string,
  secret: string,
  id: string,
  body: string,
  signal: AbortSignal,
): Promise<AttemptOutcome> {
  let target: ResolvedTarget;
  try {
    target = await guard.resolve(url);
  } catch (error) {
    if (error instanceof WebhookTargetError && error.reason !== 'unresolved')
      return { kind: 'refused', message: `refused target: ${error.message}` };
    return { kind: 'failed', message: (error as Error).message };
  }
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'Cistern-Webhooks/1',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook(secret, id, timestamp, body),
  };
  try {
    return { kind: 'answered', status: await postWebhook(target, body, headers, signal) };
  } catch (error) {
    if (signal.aborted) throw error;
    return { kind: 'failed', message: (error as Error).message };
  }
}
