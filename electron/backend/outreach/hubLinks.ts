import type { z } from 'zod';
import {
  MAX_LINKS_PER_REQUEST,
  ObjectionsResponse,
  UnsubscribeLinksResponse,
} from '../../../shared/sync/outreachHubApi';
import type { Db } from '../../../db/open';
import { getSetting, setSetting } from '../../../db/repos/settings';
import type { ServiceDeps } from '../types';
import { hubBase } from '../sync/hubClient';
import { readHubConfig } from '../sync/settings';
import { OUTREACH_KEYS, readHubPublicUrl } from './settings';
import { appError } from '../i18n/errors';

const TIMEOUT_MS = 30_000;

async function hubRequest<S extends z.ZodType>(db: Db, method: 'GET' | 'POST', path: string, schema: S, body?: unknown, fetchImpl: typeof fetch = fetch): Promise<z.output<S>> {
  const config = readHubConfig(db);
  if (!config) throw appError('conflict', 'outreach.links.noHub');
  const base = hubBase(config.url);
  let response: Response;
  try {
    response = await fetchImpl(new URL(path, base), {
      method,
      headers: { authorization: `Bearer ${config.token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'error',
    });
  } catch {
    throw appError('network', 'outreach.links.unreachable', { host: base.host });
  }
  if (!response.ok) {
    if (response.status === 401 || response.status === 403) throw appError('forbidden', 'outreach.links.refused');
    throw appError('network', 'outreach.links.httpStatus', { host: base.host, status: String(response.status) });
  }
  const parsed = schema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw appError('network', 'outreach.links.badAnswer', { host: base.host });
  return parsed.data;
}

/**
 * Gives each email of an outreach that has none yet its one-click unsubscribe link, signed by the
 * hub, where the hub's public address is set. Stored with the message, so every attempt and every
 * export carries the same link. Without a public address the messages keep the reply address.
 */
export async function ensureUnsubscribeLinks(deps: ServiceDeps, outreachId: string, fetchImpl?: typeof fetch): Promise<number> {
  const { db } = deps;
  const publicUrl = readHubPublicUrl(db);
  if (publicUrl === null) return 0;
  const missing = db
    .prepare(
      `SELECT m.customer_id, c.external_id, m.message_id, m.language FROM outreach_members m JOIN customers c ON c.id = m.customer_id
       WHERE m.outreach_id = ? AND m.message_state IN ('ready', 'queued') AND m.to_address IS NOT NULL AND m.message_id IS NOT NULL
         AND m.unsubscribe_url IS NULL ORDER BY m.customer_id`,
    )
    .all(outreachId) as { customer_id: number; external_id: string; message_id: string; language: string }[];
  const set = db.prepare('UPDATE outreach_members SET unsubscribe_url = ? WHERE outreach_id = ? AND customer_id = ? AND unsubscribe_url IS NULL');
  for (let i = 0; i < missing.length; i += MAX_LINKS_PER_REQUEST) {
    const part = missing.slice(i, i + MAX_LINKS_PER_REQUEST);
    const answer = await hubRequest(db, 'POST', 'v1/outreach/unsubscribe-links', UnsubscribeLinksResponse, { links: part.map((m) => ({ externalId: m.external_id, messageId: m.message_id })) }, fetchImpl);
    const byMessage = new Map(answer.tokens.map((t) => [t.messageId, t.token]));
    db.transaction(() => {
      for (const m of part) {
        const token = byMessage.get(m.message_id);
        // `l` is the message's language, for the page the customer reads; outside the signature, it only picks words.
        if (token !== undefined) set.run(new URL(`u?t=${token}&l=${encodeURIComponent(m.language)}`, publicUrl).toString(), outreachId, m.customer_id);
      }
    })();
  }
  return missing.length;
}

/**
 * Brings the unsubscribes recorded at the hub since the last pull, in one transaction with the
 * cursor, so a pull cut short is simply repeated. mayContact reads them at once.
 */
export async function pullObjections(deps: ServiceDeps, fetchImpl?: typeof fetch): Promise<{ received: number }> {
  const { db } = deps;
  let received = 0;
  for (;;) {
    const after = getSetting<number>(db, OUTREACH_KEYS.objectionsCursor) ?? 0;
    const answer = await hubRequest(db, 'GET', `v1/outreach/objections?after=${after}`, ObjectionsResponse, undefined, fetchImpl);
    const at = deps.now().toISOString();
    db.transaction(() => {
      const add = db.prepare(
        `INSERT INTO outreach_objections (hub_id, external_id, message_id, channel, objected_at, received_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(hub_id) DO NOTHING`,
      );
      for (const o of answer.objections) add.run(o.id, o.externalId, o.messageId, o.channel, o.at, at);
      setSetting(db, OUTREACH_KEYS.objectionsCursor, Math.max(after, answer.next));
    })();
    received += answer.objections.length;
    if (answer.objections.length === 0 || answer.next <= after) return { received };
  }
}
