import type { OutreachSettings, SaveOutreachSettingsSchema, SmtpSecurity } from '../../../shared/api/outreach';
import type { Db } from '../../../db/open';
import { getSetting, setSetting } from '../../../db/repos/settings';
import type { z } from 'zod';
import { readHubConfig } from '../sync/settings';
import { isEmailAddress } from './mayContact';
import { appError } from '../i18n/errors';

/**
 * Delivery settings for outreach messages, in the settings table like the hub's (sync/settings.ts):
 * they survive a restart and travel with a backup. The relay's password is kept under a key of its
 * own that only the sender reads; no channel returns it to the window and no log line names it.
 */
export const OUTREACH_KEYS = {
  sender: 'outreach.sender',
  smtp: 'outreach.smtp',
  smtpPassword: 'outreach.smtpPassword',
  smtpCertificate: 'outreach.smtpCertificate',
  ratePerMinute: 'outreach.ratePerMinute',
  hubPublicUrl: 'outreach.hubPublicUrl',
  objectionsCursor: 'outreach.objectionsCursor',
} as const;

export interface SmtpConfig {
  host: string;
  port: number;
  security: SmtpSecurity;
  user: string | null;
  password: string | null;
  trustedCertificate: string | null;
}

interface SenderSettings {
  company: string | null;
  fromAddress: string | null;
  replyTo: string | null;
}

export const DEFAULT_RATE_PER_MINUTE = 60;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function readSender(db: Db): SenderSettings {
  return getSetting<SenderSettings>(db, OUTREACH_KEYS.sender) ?? { company: null, fromAddress: null, replyTo: null };
}

/** The relay with its password: for the sender only. */
export function readSmtpConfig(db: Db): SmtpConfig | null {
  const smtp = getSetting<Omit<SmtpConfig, 'password' | 'trustedCertificate'>>(db, OUTREACH_KEYS.smtp);
  if (!smtp) return null;
  return {
    ...smtp,
    password: getSetting<string>(db, OUTREACH_KEYS.smtpPassword) ?? null,
    trustedCertificate: getSetting<string>(db, OUTREACH_KEYS.smtpCertificate) ?? null,
  };
}

export function readRatePerMinute(db: Db): number {
  return getSetting<number>(db, OUTREACH_KEYS.ratePerMinute) ?? DEFAULT_RATE_PER_MINUTE;
}

export function readHubPublicUrl(db: Db): string | null {
  return getSetting<string>(db, OUTREACH_KEYS.hubPublicUrl) ?? null;
}

export function readOutreachSettings(db: Db): OutreachSettings {
  const sender = readSender(db);
  const smtp = readSmtpConfig(db);
  return {
    ...sender,
    smtp: smtp
      ? { host: smtp.host, port: smtp.port, security: smtp.security, user: smtp.user, passwordSet: smtp.password !== null, trustedCertificate: smtp.trustedCertificate !== null }
      : null,
    ratePerMinute: readRatePerMinute(db),
    hubPublicUrl: readHubPublicUrl(db),
    hubConfigured: readHubConfig(db) !== null,
  };
}

/**
 * The hub's address as customers' mail programs reach it: https, since the link carries a signed
 * token; plain http only to this computer, for trying it out.
 */
export function normalisePublicUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw appError('invalid_input', 'outreach.settings.publicUrl');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
    throw appError('invalid_input', 'outreach.settings.publicHttps');
  }
  if (url.username || url.password) throw appError('invalid_input', 'outreach.settings.publicNoUser');
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
  return url.toString();
}

type SaveInput = z.output<typeof SaveOutreachSettingsSchema>;

export function saveOutreachSettings(db: Db, input: SaveInput): OutreachSettings {
  for (const [key, value] of [
    ['outreach.settings.senderNotEmail', input.fromAddress],
    ['outreach.settings.replyNotEmail', input.replyTo],
  ] as const) {
    if (value !== null && value !== '' && !isEmailAddress(value)) throw appError('invalid_input', key, { value });
  }
  if (input.smtp) {
    if (/[\s/:@]/.test(input.smtp.host.replace(/^\[|\]$/g, '').replace(/:/g, ''))) {
      throw appError('invalid_input', 'outreach.settings.relayHost');
    }
    if (input.smtp.security === 'none' && !LOOPBACK_HOSTS.has(input.smtp.host)) {
      throw appError('invalid_input', 'outreach.settings.relayTls');
    }
    const cert = input.smtp.trustedCertificate;
    if (cert && !cert.includes('-----BEGIN CERTIFICATE-----')) throw appError('invalid_input', 'outreach.settings.certificatePem');
  }
  const hubPublicUrl = input.hubPublicUrl === null ? null : normalisePublicUrl(input.hubPublicUrl);
  const blank = (v: string | null) => (v === null || v.trim() === '' ? null : v.trim());
  db.transaction(() => {
    setSetting(db, OUTREACH_KEYS.sender, { company: input.company, fromAddress: blank(input.fromAddress), replyTo: blank(input.replyTo) });
    if (input.smtp) {
      const { password, trustedCertificate, ...rest } = input.smtp;
      setSetting(db, OUTREACH_KEYS.smtp, rest);
      if (password !== undefined) setSetting(db, OUTREACH_KEYS.smtpPassword, password === '' ? null : password);
      if (trustedCertificate !== undefined) setSetting(db, OUTREACH_KEYS.smtpCertificate, trustedCertificate === '' ? null : trustedCertificate);
    } else {
      db.prepare('DELETE FROM settings WHERE key IN (?, ?, ?)').run(OUTREACH_KEYS.smtp, OUTREACH_KEYS.smtpPassword, OUTREACH_KEYS.smtpCertificate);
    }
    setSetting(db, OUTREACH_KEYS.ratePerMinute, input.ratePerMinute);
    setSetting(db, OUTREACH_KEYS.hubPublicUrl, hubPublicUrl);
  })();
  return readOutreachSettings(db);
}

/** The domain of the sender address, for Message-IDs: they must be unique worldwide and stable. */
export function messageIdDomain(fromAddress: string): string {
  return fromAddress.slice(fromAddress.lastIndexOf('@') + 1).toLowerCase();
}
