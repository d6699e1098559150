import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/open';
import { deskCountry, ensureContactsFresh, hashedKey, relationshipCutoff } from '../../db/repos/permissions';
import { latestConsents } from '../../db/repos/consents';
import { emailKey } from '../../shared/domain/permissions';
import { toE164 } from '../../shared/domain/phoneE164';
import { CONSENT_WORDING } from '../../shared/domain/consent';
import { call, testBackend, type TestBackend } from '../helpers/backend';
import { addCustomer, customerId, insertCall } from '../helpers/calls';

/**
 * The contact flags, consents and latest call kept on each customer's row (migration 20) against
 * what the ledger, the consents and the calls say, read here independently, one key at a time,
 * after each kind of write. Readers work out rows whose keys changed first (ensureContactsFresh),
 * as the list and mayContact do; the check does the same.
 */
let b: TestBackend;
let clock = new Date('2026-11-20T12:00:00.000Z');

beforeEach(async () => {
  clock = new Date('2026-11-20T12:00:00.000Z');
  b = testBackend(() => clock);
  await call(b.dispatch, 'session.setup', { name: 'Mia Manager', role: 'manager' });
  const departed = { statedReasonId: 'price.too-expensive', departedAt: '2026-11-01' };
  addCustomer(b.db, { externalId: 'A', name: 'Ada', phone: '+1 415 555 0101', email: 'ada@example.test', ...departed });
  addCustomer(b.db, { externalId: 'B', name: 'Bo', phone: '(415) 555-0101', email: null, ...departed }); // A's number
  addCustomer(b.db, { externalId: 'C', name: 'Cy', phone: null, email: 'cy@example.test', ...departed });
  addCustomer(b.db, { externalId: 'D', name: 'Di', phone: '+1 415 555 0104', email: 'di@example.test', ...departed });
  addCustomer(b.db, { externalId: 'E', name: 'Ed', phone: '+1 415 555 0105', email: 'shared@example.test', ...departed });
  addCustomer(b.db, { externalId: 'F', name: 'Fay', phone: '+1 415 555 0106', email: 'fay@example.test', ...departed });
  await call(b.dispatch, 'permissions.settings.set', { country: 'US' });
});
afterEach(() => b.dispose());

interface Kept {
  id: number;
  external_id: string;
  phone: string | null;
  email: string | null;
  departed_at: string | null;
  call_blocked: number;
  email_blocked: number;
  post_blocked: number;
  consent_phone: string | null;
  consent_email: string | null;
  consent_post: string | null;
  latest_call_outcome: string | null;
  diagnosed_reason_id: string | null;
}

/** What the ledger, the unsubscribes, the consents and the calls say of one customer, key by key. */
function said(db: Db, c: Kept, now: Date) {
  const iso = now.toISOString();
  const cutoff = relationshipCutoff(db, now);
  const phone = c.phone === null ? null : toE164(c.phone, deskCountry(db));
  const keys: [string, string][] = [];
  if (phone?.ok) keys.push(['phone', phone.e164]);
  if (c.email !== null && c.email.trim() !== '') keys.push(['email', emailKey(c.email)]);
  keys.push(['customer', c.external_id]);
  const scopes = new Set<string>();
  for (const [kind, value] of keys) {
    for (const v of [value, hashedKey(value)]) {
      const entries = db
        .prepare('SELECT scope FROM permission_entries WHERE kind = ? AND value = ? AND expired_at IS NULL AND (expires_at IS NULL OR expires_at > ?)')
        .pluck()
        .all(kind, v, iso) as string[];
      entries.forEach((s) => scopes.add(s));
    }
    if (kind === 'customer') continue;
    const lists = db
      .prepare(
        `SELECT l.scope, l.registry FROM permission_list_values v JOIN permission_lists l ON l.id = v.list_id
         WHERE v.value = ? AND l.expired_at IS NULL AND (l.expires_at IS NULL OR l.expires_at > ?)`,
      )
      .all(value, iso) as { scope: string; registry: number }[];
    for (const l of lists) if (l.registry === 0 || cutoff === null || c.departed_at === null || c.departed_at < cutoff) scopes.add(l.scope);
  }
  const erased = c.external_id.startsWith('erased-');
  const unsubscribed = db.prepare("SELECT 1 FROM outreach_objections WHERE external_id = ? AND channel = 'email'").get(c.external_id) !== undefined;
  const consents = latestConsents(db, c.id);
  const latest = db.prepare('SELECT outcome FROM calls WHERE customer_id = ? ORDER BY completed_at DESC, id DESC LIMIT 1').pluck().get(c.id) ?? null;
  const diagnosed =
    db.prepare('SELECT primary_reason_id FROM calls WHERE customer_id = ? AND primary_reason_id IS NOT NULL ORDER BY completed_at DESC, id DESC LIMIT 1').pluck().get(c.id) ?? null;
  return {
    call_blocked: Number(erased || scopes.has('call') || scopes.has('all')),
    email_blocked: Number(erased || scopes.has('email') || scopes.has('all') || unsubscribed),
    post_blocked: Number(erased || scopes.has('all')),
    consent_phone: consents.get('phone')?.answer ?? null,
    consent_email: consents.get('email')?.answer ?? null,
    consent_post: consents.get('post')?.answer ?? null,
    latest_call_outcome: latest,
    diagnosed_reason_id: diagnosed,
  };
}

function kept(db: Db): Kept[] {
  return db
    .prepare(
      `SELECT id, external_id, phone, email, departed_at, call_blocked, email_blocked, post_blocked, consent_phone, consent_email, consent_post,
         latest_call_outcome, diagnosed_reason_id FROM customers ORDER BY id`,
    )
    .all() as Kept[];
}

/** Every customer's kept columns equal what is said; gives the rows by customer id for the step's own assertion. */
function check(step: string): Map<string, Kept> {
  ensureContactsFresh(b.db, clock);
  const rows = kept(b.db);
  for (const r of rows) {
    const { id, external_id, phone, email, departed_at, ...columns } = r;
    void id; void phone; void email; void departed_at;
    expect({ step, who: external_id, ...columns }).toEqual({ step, who: external_id, ...said(b.db, r, clock) });
  }
  return new Map(rows.map((r) => [r.external_id, r]));
}

const id = (externalId: string) => customerId(b.db, externalId);

describe('the contact columns kept on the customer row', () => {
  it('equal what the ledger, the unsubscribes, the consents and the calls say after each kind of write', async () => {
    expect(check('imported').get('A')).toMatchObject({ call_blocked: 0, email_blocked: 0, post_blocked: 0, consent_phone: null });

    // Consent given, then refused on the call: the refusal goes on the ledger by number, which B shares.
    const s = await call(b.dispatch, 'call.start', { customerId: id('A') });
    const consent = (channel: 'phone' | 'email' | 'post', answer: 'yes' | 'no') =>
      call(b.dispatch, 'consent.record', { customerId: id('A'), callId: s.state.callId, channel, answer, wording: CONSENT_WORDING[channel] });
    await consent('phone', 'yes');
    expect(check('consent given').get('A')).toMatchObject({ consent_phone: 'yes', call_blocked: 0 });
    clock = new Date('2026-11-20T12:01:00.000Z');
    await consent('phone', 'no');
    await consent('post', 'no');
    const refused = check('consent refused');
    expect(refused.get('A')).toMatchObject({ consent_phone: 'no', consent_post: 'no', call_blocked: 1, email_blocked: 0 });
    expect(refused.get('B')?.call_blocked).toBe(1);

    // Suppression by a manager, by address and then by id for everything; then the manager reverses the second.
    await call(b.dispatch, 'permissions.add', { kind: 'email', value: 'CY@example.test ', scope: 'email' });
    const everything = await call(b.dispatch, 'permissions.add', { kind: 'customer', value: 'C', scope: 'all' });
    expect(check('suppressed').get('C')).toMatchObject({ email_blocked: 1, post_blocked: 1, call_blocked: 1 });
    await call(b.dispatch, 'permissions.expire', { id: everything.id });
    expect(check('reversed').get('C')).toMatchObject({ email_blocked: 1, post_blocked: 0, call_blocked: 0 });

    // An entry that ends by itself.
    await call(b.dispatch, 'permissions.add', { kind: 'customer', value: 'F', scope: 'call', expiresAt: '2026-11-20T14:00:00.000Z' });
    expect(check('until two').get('F')?.call_blocked).toBe(1);
    clock = new Date('2026-11-20T15:00:00.000Z');
    expect(check('past two').get('F')?.call_blocked).toBe(0);

    // A do-not-call registry, then the established-relationship window that spares a recent departure.
    await call(b.dispatch, 'permissions.importList', { name: 'National registry', scope: 'call', registry: true, text: '+1 415 555 0104\n' });
    expect(check('registry').get('D')?.call_blocked).toBe(1);
    await call(b.dispatch, 'permissions.settings.set', { country: 'US', relationshipMonths: 18 });
    expect(check('relationship window').get('D')?.call_blocked).toBe(0);

    // An unsubscribe pulled from the hub closes the email at once, before anyone works anything out.
    b.db
      .prepare("INSERT INTO outreach_objections (hub_id, external_id, message_id, channel, objected_at, received_at) VALUES (1, 'D', 'm-1', 'email', ?, ?)")
      .run(clock.toISOString(), clock.toISOString());
    expect(b.db.prepare("SELECT email_blocked FROM customers WHERE external_id = 'D'").pluck().get()).toBe(1);
    expect(check('unsubscribed').get('D')).toMatchObject({ email_blocked: 1, post_blocked: 0 });

    // A customer's address changes to one the ledger holds.
    b.db.prepare("UPDATE customers SET email = 'cy@example.test' WHERE external_id = 'F'").run();
    expect(check('address changed').get('F')?.email_blocked).toBe(1);

    // Erasure: E's number, email and id stay on the ledger hashed, and F, who now shares E's address, is kept out everywhere.
    b.db.prepare("UPDATE customers SET email = 'shared@example.test' WHERE external_id = 'F'").run();
    expect(check('shares an address').get('F')).toMatchObject({ email_blocked: 0, post_blocked: 0 });
    await call(b.dispatch, 'privacy.erase', { customerId: id('E'), confirm: 'E' });
    const erased = check('erased');
    expect(erased.get('F')).toMatchObject({ call_blocked: 1, email_blocked: 1, post_blocked: 1 });
    expect([...erased.keys()].filter((k) => k.startsWith('erased-'))).toHaveLength(1);

    // Calls: a wrong number, then a later call that diagnoses a reason; then the later call is removed.
    const caller = b.db.prepare('SELECT id FROM people LIMIT 1').pluck().get() as string;
    insertCall(b.db, { id: 'K1', customer: 'C', callerId: caller, callerRole: 'agent', completedAt: '2026-11-18T10:00:00.000Z', outcome: 'wrong_number' });
    expect(check('wrong number').get('C')).toMatchObject({ latest_call_outcome: 'wrong_number', diagnosed_reason_id: null });
    insertCall(b.db, { id: 'K2', customer: 'C', callerId: caller, callerRole: 'agent', completedAt: '2026-11-19T10:00:00.000Z', outcome: 'declined', primary: 'service.reliability' });
    expect(check('diagnosed').get('C')).toMatchObject({ latest_call_outcome: 'declined', diagnosed_reason_id: 'service.reliability' });
    b.db.prepare("DELETE FROM call_reasons WHERE call_id = 'K2'").run();
    b.db.prepare("DELETE FROM calls WHERE id = 'K2'").run();
    expect(check('call removed').get('C')).toMatchObject({ latest_call_outcome: 'wrong_number', diagnosed_reason_id: null });
  });
});
