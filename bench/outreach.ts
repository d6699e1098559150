import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { openDatabase } from '../db/open';
import { prepareCustomerUpsert } from '../db/repos/customers';
import { createBackend } from '../electron/backend/create';
import { silentLogger } from '../electron/backend/logger';
import { writeOutreachExport } from '../electron/backend/outreach/export';
import { sendDue } from '../electron/backend/outreach/sender';
import type { Dispatch } from '../electron/backend/dispatch';
import type { Channel, ChannelInput, ChannelOutput } from '../shared/api';
import { startTestRelay } from '../test/helpers/smtpServer';
import { judged, type Benchmark, type BenchResult } from './types';

async function call<C extends Channel>(dispatch: Dispatch, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const r = (await dispatch(channel, input)) as { ok: true; value: ChannelOutput<C> } | { ok: false; error: { message: string } };
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value;
}

const NOW = new Date('2026-11-20T12:00:00.000Z');

function seedCustomers(dbPath: string, n: number): void {
  const db = openDatabase(dbPath);
  try {
    db.transaction(() => {
      const upsert = prepareCustomerUpsert(db);
      for (let i = 0; i < n; i += 1) {
        upsert(
          {
            externalId: `B${i}`, name: `Bench${i} Customer`, company: null, phone: `+1 555-${String(i).padStart(7, '0')}`, email: `b${i}@example.test`,
            timezone: null, segment: i % 2 === 0 ? 'Month-to-month' : 'One year', product: 'Fiber optic', monthlyRevenue: 20 + (i % 90), tenureMonths: 12,
            departedAt: '2026-10-01', lastActivityAt: null, statedReasonText: 'Network outages', statedReasonId: i % 4 === 0 ? 'price.too-expensive' : 'service.reliability',
            frontlineRep: null, frontlineTeam: null, notes: null, cycleId: null,
          },
          NOW.toISOString(),
        );
      }
    })();
  } finally {
    db.close();
  }
}

/**
 * Outreach: building a "we fixed it" outreach over many departed customers (each checked, its
 * message written), writing one .eml file per customer, and sending through an SMTP server in
 * this process. Baselines: the same rows copied with one INSERT ... SELECT; the same number of
 * files of the same size written with writeFileSync; the same messages sent on one nodemailer
 * connection with no outbox (the ratio is what exactly-once costs: three durable commits a message).
 */
export const outreachBenchmark: Benchmark = {
  name: 'outreach',
  run: async (ctx) => {
    const customers = ctx.quick ? 4_000 : 200_000;
    const emlCount = ctx.quick ? 500 : 10_000;
    const sendCount = ctx.quick ? 100 : 1_000;
    const results: BenchResult[] = [];
    const relay = await startTestRelay();
    const dbPath = join(ctx.dir, 'outreach.db');
    openDatabase(dbPath).close();
    seedCustomers(dbPath, customers);
    const backend = createBackend({ dbPath, log: silentLogger, now: () => NOW });
    try {
      const { dispatch, db } = backend;
      await call(dispatch, 'session.setup', { name: 'Bench Manager', role: 'manager' });
      await call(dispatch, 'outreach.settings.set', {
        company: 'Northwind Telecom', fromAddress: 'care@northwind.example', replyTo: 'stay@northwind.example',
        smtp: { host: '127.0.0.1', port: relay.port, security: 'none' }, ratePerMinute: 6000,
      });

      // 1. Building over every customer behind the issue (three in four: the others left for price).
      const issue = await call(dispatch, 'issues.create', { title: 'Outages', reasonIds: ['service.reliability'] });
      await call(dispatch, 'outreach.issue.fix', { issueId: issue.id, whatChanged: 'Every cabinet now has a backup line.', fixedOn: '2026-11-19' });
      const t0 = performance.now();
      const built = await call(dispatch, 'outreach.issue.build', { issueId: issue.id, byCall: true, messageChannel: 'email' });
      const buildMs = performance.now() - t0;
      db.exec('CREATE TABLE bench_copy (outreach_id TEXT, customer_id INTEGER, PRIMARY KEY (outreach_id, customer_id)) STRICT');
      const b0 = performance.now();
      db.prepare("INSERT INTO bench_copy SELECT 'x', id FROM customers WHERE stated_reason_id = 'service.reliability'").run();
      const copyMs = performance.now() - b0;
      results.push(
        judged({
          name: `build a we-fixed-it outreach over ${customers.toLocaleString('en')} departed customers`,
          value: buildMs / 1000, unit: 's', target: null, baseline: copyMs / 1000, ratioTarget: null,
          note: `${built.figures.members.toLocaleString('en')} members, each checked (mayContact on two channels), its email written from its reason's template and the caller queue updated, in one transaction. Baseline: the member rows copied with one INSERT ... SELECT.`,
        }),
      );

      // 2. .eml files for the first emlCount members: a second outreach over a sample keeps the sizes apart.
      // Only the first emlCount messages stay ready; the others are set aside (blocked) so the export skips them.
      db.prepare("UPDATE outreach_members SET message_state = 'blocked' WHERE outreach_id = ? AND customer_id > ?").run(built.id, emlCount);
      const emlDir = join(ctx.dir, 'eml');
      const e0 = performance.now();
      const written = await writeOutreachExport(backend.deps, null, built.id, { format: 'eml-folder', path: emlDir });
      const emlMs = performance.now() - e0;
      const rawDir = join(ctx.dir, 'raw');
      mkdirSync(rawDir);
      const sample = Buffer.alloc(1200, 'x');
      const r0 = performance.now();
      for (let i = 0; i < written.messages; i += 1) writeFileSync(join(rawDir, `${i}.eml`), sample);
      const rawMs = performance.now() - r0;
      results.push(
        judged({
          name: `write ${written.messages.toLocaleString('en')} .eml files`,
          value: emlMs / 1000, unit: 's', target: null, baseline: rawMs / 1000, ratioTarget: null,
          note: `one RFC 5322 file per customer through nodemailer's MailComposer (${((written.messages / emlMs) * 1000).toFixed(0)} a second). Baseline: the same number of 1.2 KB files written with writeFileSync.`,
        }),
      );

      // 3. Sending: a fresh outreach of sendCount emails, queued, sent through the outbox.
      const small = await call(dispatch, 'issues.create', { title: 'Prices', reasonIds: ['price.too-expensive'] });
      await call(dispatch, 'outreach.issue.fix', { issueId: small.id, whatChanged: 'Renewal prices now match new customers.', fixedOn: '2026-11-19' });
      const priced = await call(dispatch, 'outreach.issue.build', { issueId: small.id, byCall: false, messageChannel: 'email' });
      db.prepare("UPDATE outreach_members SET message_state = 'exported' WHERE outreach_id = ? AND message_state = 'ready' AND customer_id NOT IN (SELECT customer_id FROM outreach_members WHERE outreach_id = ? AND message_state = 'ready' ORDER BY customer_id LIMIT ?)").run(priced.id, priced.id, sendCount);
      await call(dispatch, 'outreach.send', { id: priced.id });
      const before = relay.received.length;
      const s0 = performance.now();
      const sent = await sendDue(backend.deps, { sleep: () => Promise.resolve() });
      const sendMs = performance.now() - s0;
      const bytes = relay.received.slice(before).map((m) => m.raw);
      const connection = new SMTPConnection({ host: '127.0.0.1', port: relay.port, ignoreTLS: true, logger: false });
      await new Promise<void>((resolve, reject) => connection.connect((err) => (err ? reject(err) : resolve())));
      const n0 = performance.now();
      for (const raw of bytes) {
        await new Promise<void>((resolve, reject) => connection.send({ from: 'care@northwind.example', to: 'x@example.test' }, Readable.from([raw]), (err) => (err ? reject(err) : resolve())));
      }
      const bareMs = performance.now() - n0;
      connection.quit();
      results.push(
        judged({
          name: `send ${sent.sent.toLocaleString('en')} emails to an SMTP server on this machine`,
          value: sendMs / 1000, unit: 's', target: null, baseline: bareMs / 1000, ratioTarget: null,
          note: `${((sent.sent / sendMs) * 1000).toFixed(0)} a second with the rate limit off; each committed as sending, dot and sent (WAL, synchronous=FULL). Baseline: the same bytes on one nodemailer connection with no outbox. The set rate (default 60 a minute) is what bounds a real send.`,
        }),
      );
      return results;
    } finally {
      backend.close();
      await relay.close();
    }
  },
};
