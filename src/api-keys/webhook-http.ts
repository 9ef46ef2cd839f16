import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedTarget } from './webhook-url-guard.js';

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
