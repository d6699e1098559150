import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Generated } from 'kysely';
import {
  MAX_OBJECTIONS_PER_PULL,
  UnsubscribeLinksRequest,
  type ObjectionsResponse,
  type UnsubscribeLinksResponse,
} from '../shared/sync/outreachHubApi';
import type { HubStore } from './store/connect';
import { objectionLedgerChange } from './store/objectionLedger';
import type { HubLogger } from './log';
import { firstIssue } from './routeKit';
import { UNSUBSCRIBE_PAGE, unsubscribePageLanguage } from '../shared/content/unsubscribePage';
import type { Language } from '../shared/i18n/languages';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reached without a hub token: the unsubscribe page a customer opens from an email. */
    public?: boolean;
  }
}

type OutreachTables = {
  outreach_keys: { id: string; secret: string; created_at: string };
  outreach_objections: {
    rid: Generated<number>;
    external_id: string;
    message_id: string;
    channel: 'email';
    objected_at: string;
    via: 'one-click' | 'page';
  };
  permissions_changes: { rid: Generated<number>; uid: string; type: string; body: string; sent_by: string; received_at: string };
};

const tables = (store: HubStore) => store.db.withTables<OutreachTables>();

/**
 * The key that signs unsubscribe links: 32 random bytes made on first use and kept in the hub's
 * store, never sent anywhere. Two hub instances starting at once both try to insert the one row;
 * the loser reads the winner's.
 */
async function signingKey(store: HubStore, now: Date): Promise<Buffer> {
  const db = tables(store);
  const read = async () => (await db.selectFrom('outreach_keys').select('secret').where('id', '=', 'unsubscribe').executeTakeFirst())?.secret;
  let secret = await read();
  if (secret === undefined) {
    await db
      .insertInto('outreach_keys')
      .values({ id: 'unsubscribe', secret: randomBytes(32).toString('base64url'), created_at: now.toISOString() })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    secret = await read();
  }
  if (secret === undefined) throw new Error('unsubscribe key missing after insert');
  return Buffer.from(secret, 'base64url');
}

interface LinkSubject {
  externalId: string;
  messageId: string;
}

function mac(key: Buffer, payload: string): Buffer {
  return createHmac('sha256', key).update(`unsubscribe.v1.${payload}`).digest();
}

/** `<payload>.<mac>`, both base64url: the customer and message, and the hub's HMAC-SHA256 over them. */
export function signLink(key: Buffer, subject: LinkSubject): string {
  const payload = Buffer.from(JSON.stringify({ e: subject.externalId, m: subject.messageId }), 'utf8').toString('base64url');
  return `${payload}.${mac(key, payload).toString('base64url')}`;
}

/** The subject of a token the hub signed, or null for anything else (altered, truncated, made up). */
export function verifyLink(key: Buffer, token: string): LinkSubject | null {
  const dot = token.indexOf('.');
  if (dot <= 0 || token.length > 1200) return null;
  const payload = token.slice(0, dot);
  // Compared as text, so only the one canonical spelling of the MAC passes.
  const given = Buffer.from(token.slice(dot + 1), 'utf8');
  const expected = Buffer.from(mac(key, payload).toString('base64url'), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { e?: unknown; m?: unknown };
    return typeof parsed.e === 'string' && typeof parsed.m === 'string' ? { externalId: parsed.e, messageId: parsed.m } : null;
  } catch {
    return null;
  }
}

/**
 * Records the objection once, and puts it in the org-wide contact-permission ledger as an entry
 * on the customer's word (no more emails to this customer id), which every desk pulls with the
 * rest of the ledger (hub/permissions.ts): an unsubscribe stops every desk's emails, not only the
 * outreach's. Following the link again changes nothing; should the hub stop between the two
 * writes, the customer's next click adds the entry (both are keyed, so neither repeats).
 */
async function recordObjection(store: HubStore, subject: LinkSubject, via: 'one-click' | 'page', now: Date): Promise<void> {
  const at = now.toISOString();
  await tables(store)
    .insertInto('outreach_objections')
    .values({ external_id: subject.externalId, message_id: subject.messageId, channel: 'email', objected_at: at, via })
    .onConflict((oc) => oc.columns(['external_id', 'message_id', 'channel']).doNothing())
    .execute();
  const change = objectionLedgerChange(subject.externalId, subject.messageId, at);
  await tables(store)
    .insertInto('permissions_changes')
    .values({ uid: change.uid, type: change.type, body: JSON.stringify(change), sent_by: 'unsubscribe link', received_at: at })
    .onConflict((oc) => oc.column('uid').doNothing())
    .execute();
}

const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Our own catalogue words, but escaped all the same: a translator's quote or ampersand must not become markup. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function page(reply: FastifyReply, status: number, language: Language, title: string, body: string) {
  return reply
    .code(status)
    .header('Content-Type', 'text/html; charset=utf-8')
    .header('Content-Security-Policy', PAGE_CSP)
    .header('Referrer-Policy', 'no-referrer')
    .header('X-Robots-Tag', 'noindex')
    .send(
      `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${escapeHtml(title)}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#222}` +
        `button{font:inherit;padding:.5rem 1.25rem;border-radius:6px;border:1px solid #444;background:#fff;cursor:pointer}</style></head>` +
        `<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
    );
}


export interface OutreachRoutesOptions {
  store: HubStore;
  now: () => Date;
  log: HubLogger;
}

/**
 * Outreach at the hub. Consoles (manager tokens) ask for signed unsubscribe links and pull the
 * objections; customers reach `/u?t=<token>` without a login (in the query: tokens are longer than
 * the router takes in a path segment):
 * - GET shows a page with one button. It never unsubscribes by itself: mail scanners and link
 *   previews open links in emails, and must not unsubscribe anyone.
 * - POST records the objection. It is what the button sends, and what a mail program sends for
 *   RFC 8058 one-click (List-Unsubscribe-Post: List-Unsubscribe=One-Click). Repeating it is harmless.
 */
export function outreachRoutes(options: OutreachRoutesOptions) {
  const { store, now, log } = options;
  return (app: FastifyInstance, _opts: unknown, done: (err?: Error) => void): void => {
    // A one-click POST is a form post; its body says nothing the token does not.
    app.addContentTypeParser(['application/x-www-form-urlencoded', 'multipart/form-data'], { parseAs: 'string', bodyLimit: 4096 }, (_req, _body, done) => done(null, null));

    app.post('/v1/outreach/unsubscribe-links', { config: { roles: ['manager'] } }, async (req, reply): Promise<UnsubscribeLinksResponse | FastifyReply> => {
      const body = UnsubscribeLinksRequest.safeParse(req.body);
      if (!body.success) return reply.code(400).send({ error: { code: 'bad_request', message: `The links are not valid: ${firstIssue(body.error)}` } });
      const key = await signingKey(store, now());
      return { tokens: body.data.links.map((l) => ({ messageId: l.messageId, token: signLink(key, l) })) };
    });

    app.get('/v1/outreach/objections', async (req, reply): Promise<ObjectionsResponse | FastifyReply> => {
      const query = (req.query ?? {}) as Record<string, unknown>;
      const after = Number(query.after ?? 0);
      if (!Number.isInteger(after) || after < 0) return reply.code(400).send({ error: { code: 'bad_request', message: 'after: a whole number, the last objection id this console holds.' } });
      const rows = await tables(store)
        .selectFrom('outreach_objections')
        .select(['rid', 'external_id', 'message_id', 'channel', 'objected_at'])
        .where('rid', '>', after)
        .orderBy('rid')
        .limit(MAX_OBJECTIONS_PER_PULL)
        .execute();
      return {
        objections: rows.map((r) => ({ id: Number(r.rid), externalId: r.external_id, messageId: r.message_id, channel: r.channel, at: r.objected_at })),
        next: rows.length > 0 ? Number(rows[rows.length - 1]?.rid ?? after) : after,
      };
    });

    app.get<{ Querystring: { t?: string; l?: string } }>('/u', { config: { public: true } }, async (req, reply) => {
      const key = await signingKey(store, now());
      const language = unsubscribePageLanguage(req.query.l, req.headers['accept-language']);
      const words = UNSUBSCRIBE_PAGE[language];
      if (!verifyLink(key, req.query.t ?? '')) return page(reply, 404, language, words.invalidTitle, `<p>${escapeHtml(words.invalid)}</p>`);
      return page(
        reply,
        200,
        language,
        words.askTitle,
        `<p>${escapeHtml(words.ask)}</p><form method="post"><button type="submit">${escapeHtml(words.button)}</button></form>`,
      );
    });

    app.post<{ Querystring: { t?: string; l?: string } }>('/u', { config: { public: true } }, async (req, reply) => {
      const key = await signingKey(store, now());
      const language = unsubscribePageLanguage(req.query.l, req.headers['accept-language']);
      const words = UNSUBSCRIBE_PAGE[language];
      const subject = verifyLink(key, req.query.t ?? '');
      if (!subject) return page(reply, 404, language, words.invalidTitle, `<p>${escapeHtml(words.invalid)}</p>`);
      const oneClick = req.headers['content-type']?.startsWith('application/x-www-form-urlencoded') === true && req.headers['sec-fetch-mode'] !== 'navigate';
      await recordObjection(store, subject, oneClick ? 'one-click' : 'page', now());
      log.info('unsubscribe recorded', { via: oneClick ? 'one-click' : 'page' });
      return page(reply, 200, language, words.doneTitle, `<p>${escapeHtml(words.done)}</p>`);
    });
    done();
  };
}
