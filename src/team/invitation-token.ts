import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/** Invitations live 7 days (rules §6). */
export const INVITATION_TTL_DAYS = 7;

/** 32 random bytes, base64url (43 characters). */
export function newInvitationToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database stores: SHA-256 is enough for a 256-bit random token (no guessing to slow down). */
export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function sealKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'cistern', 'invitation-token-seal/v1', 32));
}

/**
 * The mail job needs the raw token after the request has answered, and job payloads live in the
 * database. So the token travels sealed (AES-256-GCM under a key derived from the server secret,
 * bound to the invitation id): a database dump alone yields no usable token. The job scrubs the
 * sealed value once the mail is sent or given up on.
 */
export function sealInvitationToken(secret: string, invitationId: string, token: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(secret), iv);
  cipher.setAAD(Buffer.from(invitationId, 'utf8'));
  const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The token, or null when the seal is not valid for this secret and invitation. */
export function openInvitationToken(secret: string, invitationId: string, sealed: string): string | null {
  try {
    const raw = Buffer.from(sealed, 'base64url');
    if (raw.length < 29) return null;
    const decipher = createDecipheriv('aes-256-gcm', sealKey(secret), raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(invitationId, 'utf8'));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
