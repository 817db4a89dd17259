import { createHmac, timingSafeEqual } from 'node:crypto';

// Signed survey links: `<kind><agency>.<id>.<expiry>.<signature>` in base 36 + base64url, short
// enough for an SMS. Nothing about the person is in the token; the signature makes ids unguessable.

export type TokenKind = 'i' | 'r' | 'p'; // invitation, poster response in progress, poster
export interface TokenClaims {
  kind: TokenKind;
  agencyId: number;
  id: number;
  /** Expiry in whole seconds since the epoch; 0 = never (posters). */
  exp: number;
}
export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'forged' | 'expired'; claims?: TokenClaims };

/** The signing key: a separate secret when configured, else derived from the pseudonym key. */
export function surveyTokenKey(pseudonymKey: string, configured?: string): Buffer {
  return createHmac('sha256', configured ?? pseudonymKey).update('tajriba/survey-token/v1').digest();
}

const sign = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest('base64url').slice(0, 22);

export function signToken(key: Buffer, c: TokenClaims): string {
  const payload = `${c.kind}${c.agencyId.toString(36)}.${c.id.toString(36)}.${c.exp.toString(36)}`;
  return `${payload}.${sign(key, payload)}`;
}

const TOKEN = /^([irp])([0-9a-z]{1,8})\.([0-9a-z]{1,12})\.([0-9a-z]{1,8})\.([A-Za-z0-9_-]{22})$/;

/** Checks shape and signature first (a forged token learns nothing), then expiry. */
export function verifyToken(key: Buffer, token: string, nowMs = Date.now()): TokenCheck {
  const m = TOKEN.exec(token);
  if (!m) return { ok: false, reason: 'forged' };
  const payload = token.slice(0, token.lastIndexOf('.'));
  const expected = Buffer.from(sign(key, payload));
  const given = Buffer.from(m[5]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'forged' };
  const claims: TokenClaims = { kind: m[1] as TokenKind, agencyId: parseInt(m[2], 36), id: parseInt(m[3], 36), exp: parseInt(m[4], 36) };
  if (claims.exp !== 0 && claims.exp * 1000 <= nowMs) return { ok: false, reason: 'expired', claims };
  return { ok: true, claims };
}

export const expirySeconds = (d: Date) => Math.floor(d.getTime() / 1000);
