import { createHmac, hash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

/**
 * rules §1 key format: `sk_live_` / `sk_test_` + 32 random base62 characters + 6 base62 characters
 * of the CRC32 of those 32 (most significant digit first, left-padded with `0`).
 */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BODY_LENGTH = 32;
const CHECKSUM_LENGTH = 6;
const KEY_PATTERN = /^sk_(live|test)_[0-9A-Za-z]{38}$/;
/** Every well-formed key has this length: `sk_live_` + 32 + 6. */
export const API_KEY_LENGTH = 46;
export const KEY_PREFIX_LENGTH = 12;

export type KeyEnvironmentKind = 'live' | 'test';

export function toBase62(value: number, width: number): string {
  let out = '';
  let n = value;
  do {
    out = ALPHABET[n % 62] + out;
    n = Math.floor(n / 62);
  } while (n > 0);
  return out.padStart(width, '0');
}

export function checksum(body: string): string {
  return toBase62(crc32(body), CHECKSUM_LENGTH);
}

/** Uniform base62 characters: bytes ≥ 248 are rejected so no character is favoured. */
function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

export function generateApiKey(kind: KeyEnvironmentKind): string {
  const body = randomBase62(BODY_LENGTH);
  return `sk_${kind}_${body}${checksum(body)}`;
}

/** Format and checksum: rejects garbage without touching the database. */
export function isWellFormedApiKey(key: string): boolean {
  if (key.length !== API_KEY_LENGTH || !KEY_PATTERN.test(key)) return false;
  const body = key.slice(8, 8 + BODY_LENGTH);
  return key.slice(8 + BODY_LENGTH) === checksum(body);
}

export function keyPrefix(key: string): string {
  return key.slice(0, KEY_PREFIX_LENGTH);
}

/** What the database stores: HMAC-SHA256(API_KEY_SALT, key), hex. */
export function hashApiKey(salt: string, key: string): string {
  return createHmac('sha256', salt).update(key).digest('hex');
}

/**
 * The in-memory identity of a key in the verification cache (never stored, never sent anywhere but
 * the change feed): SHA-256 over the salt and the key, with the one-shot `crypto.hash`, a fraction of
 * what an HMAC costs (it sets up its key on every call; figures in bench/README.md, "Where the time
 * went"), so the stored HMAC is computed only when the cache misses. The key itself carries
 * ~190 random bits, so the fingerprint cannot be reversed or guessed any more than the HMAC.
 */
export function keyFingerprint(salt: string, key: string): string {
  return hash('sha256', `${salt}\u0000${key}`);
}
