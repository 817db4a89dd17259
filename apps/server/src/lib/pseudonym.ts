import { createHmac } from 'node:crypto';

const ARABIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

/**
 * Canonical form of a person identifier before hashing, so "05 1234 5678", "+966512345678"
 * and "٠٥١٢٣٤٥٦٧٨" are the same person. National IDs/iqamas are 10 digits and pass unchanged.
 */
export function canonicalIdentifier(raw: string): string {
  let s = raw
    .trim()
    .replace(ARABIC_DIGITS, (d) => String((d.charCodeAt(0) & 0xf) % 10))
    .replace(/[\s\-().]/g, '')
    .toLowerCase();
  // Saudi mobile numbers: 05XXXXXXXX, 5XXXXXXXX, 9665XXXXXXXX, +9665…, 009665…
  const m = /^(?:\+|00)?(?:966)?0?(5\d{8})$/.exec(s);
  if (m) s = `+966${m[1]}`;
  return s;
}

/**
 * Keyed HMAC-SHA256 pseudonym (first 128 bits, hex). The agency id is part of the message so
 * the same person links within an agency but not across agencies.
 */
export function pseudonymize(key: string, agencyId: number, raw: string): string {
  return createHmac('sha256', key).update(`${agencyId}:${canonicalIdentifier(raw)}`).digest('hex').slice(0, 32);
}

/** A cheaper per-batch form: the key and agency are bound once. */
export function pseudonymizer(key: string, agencyId: number) {
  return (raw: string) => pseudonymize(key, agencyId, raw);
}
