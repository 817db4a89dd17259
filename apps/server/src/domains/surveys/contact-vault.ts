import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

// Phone numbers and emails are needed to deliver invitations, so they cannot be one-way
// pseudonyms: they are sealed with AES-256-GCM under a key derived from the pseudonym key.

export const contactKey = (pseudonymKey: string) => createHmac('sha256', pseudonymKey).update('tajriba/contact-vault/v1').digest();

export function sealContact(key: Buffer, clear: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([c.update(clear, 'utf8'), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url');
}

export function openContact(key: Buffer, sealed: string): string {
  const raw = Buffer.from(sealed, 'base64url');
  const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  d.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
}

/** What the outbox and UI show: +9665******78, s***@example.sa. */
export function maskContact(kind: 'sms' | 'email', clear: string): string {
  if (kind === 'email') {
    const [user, domain = ''] = clear.split('@');
    return `${user.slice(0, 1)}***@${domain}`;
  }
  return clear.length <= 6 ? '******' : `${clear.slice(0, 5)}${'*'.repeat(clear.length - 7)}${clear.slice(-2)}`;
}
