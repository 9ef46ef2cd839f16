import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks signature: `v1,<base64 HMAC-SHA256("{id}.{timestamp}.{body}")>`, keyed with the
 * base64-decoded part of the tenant's `whsec_...` secret.
 */
/** The signing secret of a tenant's webhooks (Standard Webhooks' `whsec_` form). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
  const mac = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return `v1,${mac}`;
}

const SEAL_VERSION = 'v1';

/** A 256-bit key for sealing webhook bodies, derived from API_KEY_SALT (HKDF-SHA256, its own label). */
export function sealingKey(apiKeySalt: string): Buffer {
  return Buffer.from(hkdfSync('sha256', apiKeySalt, 'cistern', 'rotation-webhook-body/v1', 32));
}

/**
 * AES-256-GCM with a random IV; `context` (the delivery id) is authenticated data, so a sealed body
 * cannot be moved to another row. Answers `v1.<iv>.<tag>.<ciphertext>` in base64url.
 */
export function seal(key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [SEAL_VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** Inverse of `seal`; throws when the value was tampered with, moved, or sealed with another key. */
export function unseal(key: Buffer, sealed: string, context: string): string {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== SEAL_VERSION || !iv || !tag || ciphertext === undefined) {
    throw new Error('not a sealed webhook body');
  }
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
    'utf8',
  );
}
