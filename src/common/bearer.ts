/**
 * The credentials of `Authorization: Bearer <token>`. The scheme is matched in any case (`bearer`,
 * `BEARER`: RFC 7235 §2.1 makes auth-schemes case-insensitive, and clients do send it lower-case),
 * followed by one or more spaces; null when the header names another scheme.
 */
export function bearerToken(authorization: string): string | null {
  const match = /^bearer[ \t]+/i.exec(authorization);
  return match ? authorization.slice(match[0].length).trim() : null;
}
