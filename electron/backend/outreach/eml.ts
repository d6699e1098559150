import MailComposer from 'nodemailer/lib/mail-composer';
import { listUnsubscribeHeaders, unsubscribeFooter } from './footer';

export interface EmlMessage {
  to: string;
  subject: string;
  body: string;
  messageId: string;
  /** When the message was written: its Date header, the same on every attempt. */
  composedAt: string;
  unsubscribeUrl: string | null;
  /** The language the message was written in, stored with it: the unsubscribe line is said in it. */
  language: string;
}

export interface EmlSender {
  company: string | null;
  fromAddress: string;
  replyTo: string | null;
}

/**
 * One email as RFC 5322 bytes (UTF-8 text, quoted-printable where needed), built by nodemailer's
 * MailComposer. Everything in it comes from the stored message, so a resend is the same message
 * byte for byte, with the same Message-ID: receiving systems that see it twice keep one.
 */
export function emlBytes(m: EmlMessage, sender: EmlSender): Promise<Buffer> {
  const composer = new MailComposer({
    from: sender.company !== null ? { name: sender.company, address: sender.fromAddress } : sender.fromAddress,
    to: m.to,
    ...(sender.replyTo !== null ? { replyTo: sender.replyTo } : {}),
    subject: m.subject,
    text: `${m.body}${unsubscribeFooter(m.unsubscribeUrl, sender.replyTo, m.language)}`,
    messageId: m.messageId,
    date: new Date(m.composedAt),
    headers: Object.fromEntries(Object.entries(listUnsubscribeHeaders(m.unsubscribeUrl, sender.replyTo)).map(([k, v]) => [k, { prepared: true, value: v }])),
  });
  return composer.compile().build();
}
