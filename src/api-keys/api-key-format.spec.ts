import { describe, expect, it } from '@jest/globals';
import { crc32 } from 'node:zlib';
import {
  checksum,
  generateApiKey,
  hashApiKey,
  isWellFormedApiKey,
  keyPrefix,
  toBase62,
} from './api-key-format.js';

describe('API key format', () => {
  it('generates sk_live_/sk_test_ + 32 base62 + 6 checksum characters', () => {
    const live = generateApiKey('live');
    const test = generateApiKey('test');
    expect(live).toMatch(/^sk_live_[0-9A-Za-z]{38}$/);
    expect(test).toMatch(/^sk_test_[0-9A-Za-z]{38}$/);
    expect(isWellFormedApiKey(live)).toBe(true);
    expect(isWellFormedApiKey(test)).toBe(true);
  });

  it('computes the checksum as base62 CRC32, most significant digit first, zero-padded', () => {
    const body = 'abcdefghijklmnopqrstuvwxyz012345';
    let n = crc32(body);
    let expected = '';
    while (n > 0) {
      expected = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'[n % 62] + expected;
      n = Math.floor(n / 62);
    }
    expect(checksum(body)).toBe(expected.padStart(6, '0'));
    expect(toBase62(0, 6)).toBe('000000');
    expect(toBase62(61, 6)).toBe('00000z');
    expect(toBase62(62, 6)).toBe('000010');
    expect(toBase62(0xffffffff, 6)).toBe('4gfFC3');
  });

  it('rejects a key whose checksum or shape is wrong', () => {
    const key = generateApiKey('live');
    const last = key.at(-1) === 'a' ? 'b' : 'a';
    expect(isWellFormedApiKey(key.slice(0, -1) + last)).toBe(false);
    expect(isWellFormedApiKey(key.replace('sk_live_', 'sk_prod_'))).toBe(false);
    expect(isWellFormedApiKey(key + 'x')).toBe(false);
    expect(isWellFormedApiKey('')).toBe(false);
    // flip a body character: the checksum no longer matches
    const flipped = key.slice(0, 10) + (key[10] === 'A' ? 'B' : 'A') + key.slice(11);
    expect(isWellFormedApiKey(flipped)).toBe(false);
  });

  it('uses the first 12 characters as the prefix', () => {
    const key = generateApiKey('test');
    expect(keyPrefix(key)).toBe(key.slice(0, 12));
    expect(keyPrefix(key)).toMatch(/^sk_test_.{4}$/);
  });

  it('hashes with HMAC-SHA256 under the salt', () => {
    const key = generateApiKey('live');
    expect(hashApiKey('salt-a', key)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey('salt-a', key)).not.toBe(hashApiKey('salt-b', key));
  });
});
