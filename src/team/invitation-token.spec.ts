import { describe, expect, it } from '@jest/globals';
import {
  hashInvitationToken,
  newInvitationToken,
  openInvitationToken,
  sealInvitationToken,
} from './invitation-token.js';

const SECRET = 'a-server-secret-of-at-least-32-characters';
const ID = '0b6f2c4e-3b1a-4c55-9d1e-0a1b2c3d4e5f';

describe('invitation tokens', () => {
  it('are 32 random bytes in base64url, different every time', () => {
    const a = newInvitationToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(newInvitationToken()).not.toBe(a);
  });

  it('hash to 64 hex characters, deterministically', () => {
    const token = newInvitationToken();
    expect(hashInvitationToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashInvitationToken(token)).toBe(hashInvitationToken(token));
    expect(hashInvitationToken(`${token}x`)).not.toBe(hashInvitationToken(token));
  });

  it('seal and open with the same secret and invitation only', () => {
    const token = newInvitationToken();
    const sealed = sealInvitationToken(SECRET, ID, token);
    expect(sealed).not.toContain(token);
    expect(openInvitationToken(SECRET, ID, sealed)).toBe(token);
    expect(openInvitationToken(`${SECRET}!`, ID, sealed)).toBeNull();
    expect(openInvitationToken(SECRET, ID.replace('0b', '1b'), sealed)).toBeNull();
    expect(openInvitationToken(SECRET, ID, `${sealed.slice(0, -2)}AA`)).toBeNull();
    expect(openInvitationToken(SECRET, ID, 'short')).toBeNull();
  });
});
