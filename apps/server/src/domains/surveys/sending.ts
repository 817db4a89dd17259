import type { AgencyRef, Services } from '../../http/context.ts';
import { openContact } from './contact-vault.ts';
import { getInvitationForSending, markInvitation } from './distribution.queries.ts';
import { endOfQuietHours } from './fatigue.ts';
import { getAgencySettings } from '../catalog/agency-settings.ts';
import { sendersFor } from './messaging.ts';
import { surveyLink, surveyRuntime } from './survey-runtime.ts';
import { expirySeconds, signToken } from './tokens.ts';

// Delivery of one invitation by SMS or email. The link is signed at send time from the
// invitation id and expiry, so no token is stored anywhere.

export type SendOutcome = 'sent' | 'skipped' | 'deferred' | 'failed';

export function invitationUrl(services: Services, agencyId: number, invitationId: number, expiresAt: Date) {
  const rt = surveyRuntime(services);
  return surveyLink(rt.config, signToken(rt.tokenKey, { kind: 'i', agencyId, id: invitationId, exp: expirySeconds(expiresAt) }));
}

/** Sends if still pending; 'deferred' with the instant quiet hours end for SMS at night. */
export async function sendInvitation(services: Services, agency: AgencyRef, id: number, now = new Date()): Promise<{ outcome: SendOutcome; retryAt?: Date }> {
  const { db } = services;
  const inv = await getInvitationForSending(db, agency.id, id);
  if (!inv || inv.status !== 'pending' || inv.delivery === 'link') return { outcome: 'skipped' };
  if (inv.expires_at.getTime() <= now.getTime() || !inv.contact_enc) {
    await markInvitation(db, agency.id, id, 'failed'); // expired in the queue, or the person opted out
    return { outcome: 'failed' };
  }
  if (inv.delivery === 'sms') {
    const settings = await getAgencySettings(db, agency.id);
    const at = endOfQuietHours(now, agency.timezone, settings.quiet_hours);
    if (at.getTime() > now.getTime()) return { outcome: 'deferred', retryAt: at };
  }
  const rt = surveyRuntime(services);
  const url = invitationUrl(services, agency.id, id, inv.expires_at);
  const to = openContact(rt.contactKey, inv.contact_enc);
  const service = inv.service_ar ? ` «${inv.service_ar}»` : '';
  const senders = sendersFor(services.config);
  if (inv.delivery === 'sms') {
    const text = `${agency.name_ar}: شاركنا رأيك في خدمة${service} خلال دقيقة / Rate our service: ${url}`;
    await senders.sms.send(db, { agencyId: agency.id, kind: 'sms', to, text, invitationId: id });
  } else {
    const subject = `${agency.name_ar} — شاركنا رأيك | ${agency.name_en} — how did we do?`;
    const text = [
      `شكراً لتعاملك مع ${agency.name_ar}. نرجو تقييم خدمة${service} عبر الرابط التالي (دقيقة واحدة):`,
      url,
      '',
      `Thank you for dealing with ${agency.name_en}${inv.service_en ? ` (${inv.service_en})` : ''}. Please rate the service:`,
      url,
      '',
      `لإيقاف الاستبيانات / Stop surveys: ${url}/stop`,
    ].join('\n');
    await senders.email.send(db, { agencyId: agency.id, kind: 'email', to, subject, text, invitationId: id });
  }
  await markInvitation(db, agency.id, id, 'sent');
  return { outcome: 'sent' };
}
