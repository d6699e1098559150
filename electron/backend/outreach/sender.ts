import { hostname } from 'node:os';
import { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { Db } from '../../../db/open';
import { getSetting, setSetting } from '../../../db/repos/settings';
import { said, type Said } from '../../../shared/i18n/said';
import type { ServiceDeps } from '../types';
import { emlBytes, type EmlSender } from './eml';
import { mayContact } from './mayContact';
import { readRatePerMinute, readSender, readSmtpConfig, type SmtpConfig } from './settings';
import { appError, appErrorSaying } from '../i18n/errors';
import { keepSaid } from '../../../shared/i18n/kept';

/**
 * Sending outreach emails through the company's SMTP relay, each exactly once as far as SMTP
 * allows, through a crash, a killed process or a lost network.
 *
 * The outbox is `outreach_members` (db/migrations/012_outreach.ts). Each message carries a
 * Message-ID made once, from the outreach and the customer, and its state is committed at the two
 * moments that decide what the relay can hold:
 *
 *   queued  --(commit "sending", then MAIL FROM, RCPT TO, DATA, the text)-->
 *   sending --(commit "dot", then the final "." that ends DATA)-->
 *   dot     --(the relay answers 250: commit "sent")--> sent
 *
 * - Died or cut off in "sending": the final "." never left, and an SMTP server discards a
 *   transaction whose DATA did not end (RFC 5321, 4.1.1.4). The relay holds nothing: the message
 *   goes back to the queue and is sent again, still only once.
 * - Died or cut off in "dot": the "." may have reached the relay and been accepted, with the 250
 *   lost. No SMTP client can know (the gap RFC 1047 describes). The message is sent again with
 *   the same Message-ID and the same bytes, and marked `uncertain`: the relay may hold two copies,
 *   and receiving systems that deduplicate on Message-ID keep one.
 * - A 5xx answer is final (failed, with the relay's words); a 4xx or a lost connection before
 *   the "." waits and tries again, with backoff.
 *
 * The guarantee, exactly: every queued message reaches the relay at least once, unless the relay
 * refuses it for good; it reaches the relay more than once only when the process died or the
 * connection dropped in the window between writing the final "." and recording the relay's answer
 * (one round trip), and then every copy carries the same Message-ID and the outbox says which
 * messages were resent that way.
 *
 * One sender runs per database at a time, across processes: a lease in the settings table names
 * the process holding it (host and pid) and is renewed with every message; a lease whose process
 * is gone from this host, or that was not renewed for LEASE_MS, is free.
 */

export const LEASE_MS = 60_000;
const LEASE_KEY = 'outreach.senderLease';
const RETRY_BASE_MS = 30_000;
const RETRY_CAP_MS = 30 * 60_000;

interface Lease {
  host: string;
  pid: number;
  until: string;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the sender's lease if it is free; true when this process holds it now. */
export function acquireLease(db: Db, now: Date): boolean {
  const me: Lease = { host: hostname(), pid: process.pid, until: new Date(now.getTime() + LEASE_MS).toISOString() };
  return db.transaction(() => {
    const held = getSetting<Lease>(db, LEASE_KEY);
    const free =
      held === undefined ||
      held === null ||
      (held.host === me.host && held.pid === me.pid) ||
      held.until < now.toISOString() ||
      (held.host === me.host && !processAlive(held.pid));
    if (!free) return false;
    setSetting(db, LEASE_KEY, me);
    return true;
  }).immediate();
}

export function releaseLease(db: Db): void {
  db.transaction(() => {
    const held = getSetting<Lease>(db, LEASE_KEY);
    if (held && held.host === hostname() && held.pid === process.pid) db.prepare('DELETE FROM settings WHERE key = ?').run(LEASE_KEY);
  })();
}

/**
 * After a sender died: "sending" could not have been accepted (no final dot), "dot" may have been.
 * Run only while holding the lease, so no live sender's message is touched.
 */
export function recoverInterrupted(db: Db, at: string): { requeued: number; uncertain: number } {
  return db.transaction(() => {
    const requeued = db.prepare(`UPDATE outreach_members SET message_state = 'queued', next_attempt_at = ? WHERE message_state = 'sending'`).run(at).changes;
    const uncertain = db.prepare(`UPDATE outreach_members SET message_state = 'queued', uncertain = 1, next_attempt_at = ? WHERE message_state = 'dot'`).run(at).changes;
    return { requeued, uncertain };
  })();
}

/** Puts an outreach's written emails in the send queue. */
export function queueOutreach(db: Db, outreachId: string, at: string): number {
  return db
    .prepare(`UPDATE outreach_members SET message_state = 'queued', next_attempt_at = ? WHERE outreach_id = ? AND message_state = 'ready' AND to_address IS NOT NULL AND message_id IS NOT NULL`)
    .run(at, outreachId).changes;
}

interface OutboxRow {
  outreach_id: string;
  customer_id: number;
  to_address: string;
  subject: string;
  body: string;
  message_id: string;
  composed_at: string;
  unsubscribe_url: string | null;
  attempts: number;
  language: string;
}

function nextDue(db: Db, now: string): OutboxRow | undefined {
  return db
    .prepare(
      `SELECT outreach_id, customer_id, to_address, subject, body, message_id, composed_at, unsubscribe_url, attempts, language
       FROM outreach_members WHERE message_state = 'queued' AND next_attempt_at <= ?
       ORDER BY next_attempt_at, outreach_id, customer_id LIMIT 1`,
    )
    .get(now) as OutboxRow | undefined;
}

export function pendingCount(db: Db): number {
  return db.prepare(`SELECT count(*) FROM outreach_members WHERE message_state IN ('queued', 'sending', 'dot')`).pluck().get() as number;
}

function setState(db: Db, m: Pick<OutboxRow, 'outreach_id' | 'customer_id'>, fields: Record<string, string | number | null>): void {
  const sets = Object.keys(fields).map((k) => `${k} = @${k}`).join(', ');
  db.prepare(`UPDATE outreach_members SET ${sets} WHERE outreach_id = @outreach_id AND customer_id = @customer_id`).run({ ...fields, outreach_id: m.outreach_id, customer_id: m.customer_id });
}

function backoff(attempts: number): number {
  return Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

type SmtpError = Error & { responseCode?: number; response?: string; code?: string };

/** The relay's words for a person, without anything of the message in them; its own text is data, said as written. */
function relaySaid(error: SmtpError): Said {
  const text = (error.response ?? error.message).replace(/\s+/g, ' ').slice(0, 300);
  return error.responseCode ? said('errors.outreach.relay.answered', { code: String(error.responseCode), text }) : said('errors.outreach.relay.unreachable', { text });
}

export function connectionOptions(smtp: SmtpConfig): SMTPConnection.Options {
  return {
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
    logger: false,
    tls: smtp.trustedCertificate !== null ? { ca: smtp.trustedCertificate } : {},
  };
}

function connect(smtp: SmtpConfig): Promise<SMTPConnection> {
  return new Promise((resolve, reject) => {
    const connection = new SMTPConnection(connectionOptions(smtp));
    const fail = (err: Error) => {
      connection.close();
      reject(err);
    };
    connection.once('error', fail);
    connection.connect((err) => {
      if (err) return fail(err);
      if (smtp.user === null) return resolve(connection);
      connection.login({ user: smtp.user, pass: smtp.password ?? '' }, (loginErr) => (loginErr ? fail(loginErr) : resolve(connection)));
    });
  });
}

/** Connects and signs in, sending nothing: the Admin screen's test of the settings. */
export async function testRelay(db: Db): Promise<{ ok: true; host: string }> {
  const smtp = readSmtpConfig(db);
  if (!smtp) throw appError('conflict', 'outreach.send.noRelayShort');
  let connection: SMTPConnection;
  try {
    connection = await connect(smtp);
  } catch (error) {
    throw appErrorSaying('network', relaySaid(error as SmtpError));
  }
  connection.quit();
  return { ok: true, host: smtp.host };
}

/**
 * The message as a stream that commits "dot" just before it ends: nodemailer writes the final
 * "." when its input ends (smtp-connection/data-stream.js, _flush), so the commit is durable
 * before the dot can leave the process.
 */
function streamCommittingDot(bytes: Buffer, commitDot: () => void): Readable {
  let sentBody = false;
  return new Readable({
    read() {
      if (!sentBody) {
        sentBody = true;
        this.push(bytes);
        return;
      }
      commitDot();
      this.push(null);
    },
  });
}

function sendOn(connection: SMTPConnection, envelope: { from: string; to: string }, stream: Readable): Promise<void> {
  return new Promise((resolve, reject) => {
    connection.send(envelope, stream, (err, info) => {
      if (err) return reject(err);
      if (info.rejected.length > 0) {
        const e = new Error(info.rejectedErrors?.[0]?.response ?? 'Recipient refused') as SmtpError;
        e.responseCode = info.rejectedErrors?.[0]?.responseCode ?? 550;
        return reject(e);
      }
      resolve();
    });
  });
}

export interface SendRunOptions {
  signal?: AbortSignal;
  /** Called after each message, for progress. */
  onMessage?: (result: 'sent' | 'failed' | 'retry' | 'blocked') => void;
  sleep?: (ms: number) => Promise<void>;
}

export interface SendRunResult {
  sent: number;
  failed: number;
  retried: number;
  blocked: number;
  /** False when another process holds the sender's lease: nothing was sent here. */
  ran: boolean;
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    t.unref();
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    }, { once: true });
  });

/**
 * Sends what is due, one message at a time at the configured rate, over one connection reused
 * while it lasts. Returns when nothing is due (or the signal fires); what waits for a retry stays
 * queued with its time.
 */
export async function sendDue(deps: ServiceDeps, options: SendRunOptions = {}): Promise<SendRunResult> {
  const { db } = deps;
  const result: SendRunResult = { sent: 0, failed: 0, retried: 0, blocked: 0, ran: false };
  const smtp = readSmtpConfig(db);
  const sender = readSender(db);
  if (!smtp || sender.fromAddress === null) return result;
  if (!acquireLease(db, deps.now())) return result;
  result.ran = true;
  const from: EmlSender = { company: sender.company, fromAddress: sender.fromAddress, replyTo: sender.replyTo };
  const sleep = options.sleep ?? ((ms: number) => defaultSleep(ms, options.signal));
  const gapMs = Math.ceil(60_000 / readRatePerMinute(db));
  let connection: SMTPConnection | null = null;
  const drop = () => {
    connection?.close();
    connection = null;
  };
  try {
    recoverInterrupted(db, deps.now().toISOString());
    let first = true;
    while (!options.signal?.aborted) {
      const now = deps.now();
      const m = nextDue(db, now.toISOString());
      if (!m) break;
      if (!first) await sleep(gapMs);
      first = false;
      if (options.signal?.aborted) break;
      if (!acquireLease(db, deps.now())) break;
      // Asked again at the last moment: an unsubscribe or do-not-contact since the outreach was built stops the message.
      const allowed = mayContact(db, m.customer_id, 'email', undefined, now);
      if (!allowed.ok) {
        // Kept by key (shared/i18n/kept.ts): each manager reads why in their own language. Only emails are sent here, so said_no is to emails.
        setState(db, m, { message_state: 'blocked', problem: keepSaid(said(`errors.outreach.notSent.${allowed.closed}`)), next_attempt_at: null });
        result.blocked += 1;
        options.onMessage?.('blocked');
        continue;
      }
      const bytes = await emlBytes(
        { to: m.to_address, subject: m.subject, body: m.body, messageId: m.message_id, composedAt: m.composed_at, unsubscribeUrl: m.unsubscribe_url, language: m.language },
        from,
      );
      setState(db, m, { message_state: 'sending', attempts: m.attempts + 1 });
      let dotCommitted = false;
      try {
        connection ??= await connect(smtp);
        await sendOn(
          connection,
          { from: from.fromAddress, to: m.to_address },
          streamCommittingDot(bytes, () => {
            setState(db, m, { message_state: 'dot' });
            dotCommitted = true;
          }),
        );
        setState(db, m, { message_state: 'sent', sent_at: deps.now().toISOString(), problem: null, next_attempt_at: null });
        result.sent += 1;
        options.onMessage?.('sent');
      } catch (error) {
        const e = error as SmtpError;
        drop();
        if (e.responseCode !== undefined && e.responseCode >= 500) {
          setState(db, m, { message_state: 'failed', problem: keepSaid(relaySaid(e)), next_attempt_at: null });
          result.failed += 1;
          options.onMessage?.('failed');
        } else {
          // A 4xx after the dot is the relay declining it; no answer after the dot is the uncertain window.
          const uncertain = dotCommitted && e.responseCode === undefined;
          setState(db, m, {
            message_state: 'queued',
            problem: keepSaid(relaySaid(e)),
            next_attempt_at: new Date(deps.now().getTime() + backoff(m.attempts + 1)).toISOString(),
            ...(uncertain ? { uncertain: 1 } : {}),
          });
          result.retried += 1;
          options.onMessage?.('retry');
          if (e.responseCode === undefined) break;
        }
      }
    }
  } finally {
    if (connection !== null) connection.quit();
    releaseLease(db);
  }
  return result;
}

/** When the next queued message is due, for the background sender's timer. */
export function nextDueAt(db: Db): string | null {
  return (db.prepare(`SELECT min(next_attempt_at) FROM outreach_members WHERE message_state = 'queued'`).pluck().get() as string | null) ?? null;
}
