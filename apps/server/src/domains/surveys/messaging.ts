import type { Config } from '../../config.ts';
import type { Db } from '../../db/db.ts';
import { maskContact } from './contact-vault.ts';
import { insertOutboxMessage } from './distribution.queries.ts';

// Delivery channels behind one interface. Without a gateway configured, messages go to the
// outbox table (shown in the UI, read by tests); production sets SMS_GATEWAY_URL / SMTP_URL.

export interface OutgoingMessage {
  agencyId: number;
  kind: 'sms' | 'email';
  to: string;
  subject?: string;
  text: string;
  invitationId?: number;
}

export interface MessageSender {
  readonly name: string;
  send(db: Db, m: OutgoingMessage): Promise<void>;
}

export const outboxSender: MessageSender = {
  name: 'outbox',
  async send(db, m) {
    await insertOutboxMessage(db, m.agencyId, {
      kind: m.kind, toMasked: maskContact(m.kind, m.to), subject: m.subject ?? null, body: m.text, invitationId: m.invitationId ?? null,
    });
  },
};

/** An HTTP SMS gateway: POSTs the configured JSON template; any non-2xx answer is a failure (retried by the job). */
export function httpSmsSender(url: string, template: string, auth?: string): MessageSender {
  const jsonText = (s: string) => JSON.stringify(s).slice(1, -1);
  return {
    name: 'http-sms',
    async send(_db, m) {
      const body = template.replaceAll('{to}', jsonText(m.to)).replaceAll('{text}', jsonText(m.text));
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
    },
  };
}

/** Email through SMTP (nodemailer), plain text in UTF-8. */
export function smtpSender(smtpUrl: string, from: string): MessageSender {
  let transport: Promise<import('nodemailer').Transporter> | undefined;
  return {
    name: 'smtp',
    async send(_db, m) {
      transport ??= import('nodemailer').then((nm) => nm.createTransport(smtpUrl));
      await (await transport).sendMail({ from, to: m.to, subject: m.subject ?? '', text: m.text });
    },
  };
}

const cache = new WeakMap<Config, { sms: MessageSender; email: MessageSender }>();

/** The senders this process uses, from config. */
export function sendersFor(config: Config) {
  let s = cache.get(config);
  if (!s) {
    s = {
      sms: config.SMS_GATEWAY_URL ? httpSmsSender(config.SMS_GATEWAY_URL, config.SMS_GATEWAY_TEMPLATE, config.SMS_GATEWAY_AUTH) : outboxSender,
      email: config.SMTP_URL ? smtpSender(config.SMTP_URL, config.SMTP_FROM) : outboxSender,
    };
    cache.set(config, s);
  }
  return s;
}
