import { describe, expect, it } from '@jest/globals';
import { seal, sealingKey, signWebhook, unseal } from './webhook-crypto.js';

describe('Standard Webhooks signature', () => {
  it('reproduces the published test vector', () => {
    expect(
      signWebhook(
        'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        'msg_p5jXN8AQM9LWM0D4loKWxJek',
        1614265330,
        '{"test": 2432232314}',
      ),
    ).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });
});

describe('sealed webhook bodies', () => {
  const key = sealingKey('a-salt-of-at-least-thirty-two-characters!!');

  it('round-trips and never contains the plaintext', () => {
    const sealed = seal(key, '{"key":"sk_live_secret"}', 'delivery-1');
    expect(sealed).not.toContain('sk_live');
    expect(sealed).toMatch(/^v1\./);
    expect(unseal(key, sealed, 'delivery-1')).toBe('{"key":"sk_live_secret"}');
  });

  it('refuses another context, another key and tampering', () => {
    const sealed = seal(key, 'body', 'delivery-1');
    expect(() => unseal(key, sealed, 'delivery-2')).toThrow();
    expect(() =>
      unseal(sealingKey('another-salt-of-at-least-thirty-two-chars'), sealed, 'delivery-1'),
    ).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('bodx').toString('base64url');
    expect(() => unseal(key, parts.join('.'), 'delivery-1')).toThrow();
  });
});
