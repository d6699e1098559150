import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { sendDue } from '../../electron/backend/outreach/sender';
import { call, testBackend, signIn } from '../helpers/backend';
import { addCustomer } from '../helpers/calls';
import { PEOPLE } from '../helpers/scenario';
import { startTestRelay, type ReceivedMail } from '../helpers/smtpServer';

const ROOT = join(import.meta.dirname, '..', '..');
const MESSAGES = 40;

async function bundleSender(): Promise<string> {
  const dir = join(ROOT, 'node_modules', '.cache', 'winback-crash');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `outreach-sender-${process.pid}.mjs`);
  await build({
    entryPoints: [join(import.meta.dirname, 'outreachSender.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: ['better-sqlite3'],
    banner: { js: "import { createRequire as __crashRequire } from 'node:module'; const require = __crashRequire(import.meta.url);" },
    logLevel: 'error',
  });
  return outfile;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });
}

/**
 * Kills the outreach sender with SIGKILL mid-batch, again and again, then lets a last run finish,
 * and reads what the in-process SMTP server accepted (a message counts once the server has its
 * final dot: that is when a relay holds it).
 *
 * What it counts, and why that is the guarantee (electron/backend/outreach/sender.ts):
 * - every message reached the server: each Message-ID of the outreach is among those received;
 * - none reached it twice unless the outbox marks it `uncertain` (the process died between the
 *   final dot and recording the 250), and then every copy is byte for byte the same message with
 *   the same Message-ID, so a receiving system that deduplicates on Message-ID shows it once.
 * Counted by distinct Message-ID, then, the server holds each message exactly once.
 *
 * One kill is aimed at that window on purpose: the server holds its 250 for one message while
 * the sender is killed, so the test sees the resend and its mark, not only a lucky run.
 */
describe('killing the outreach sender with SIGKILL mid-batch', () => {
  it('delivers every message after a restart, each once by Message-ID, and marks the ones that may be doubled', async () => {
    const backend = testBackend(() => new Date());
    let current: ChildProcess | null = null;
    let aimed = false;
    const relay = await startTestRelay({
      beforeAnswer: async (mail: ReceivedMail) => {
        // The fifth message: its dot is in, its 250 is not out, and the sender dies now.
        if (aimed || relay.received.length !== 5) return;
        aimed = true;
        current?.kill('SIGKILL');
        await new Promise((r) => setTimeout(r, 50));
        void mail;
      },
    });
    try {
      await signIn(backend.dispatch, { name: PEOPLE.mia.name, role: 'manager' });
      await call(backend.dispatch, 'outreach.settings.set', {
        company: 'Northwind Telecom',
        fromAddress: 'care@northwind.example',
        replyTo: 'stay@northwind.example',
        smtp: { host: '127.0.0.1', port: relay.port, security: 'none' },
        ratePerMinute: 6000,
      });
      for (let i = 0; i < MESSAGES; i += 1) addCustomer(backend.db, { externalId: `K${i}`, name: `Kim${i} Sample`, email: `kim${i}@example.test`, statedReasonId: 'service.reliability' });
      const issue = await call(backend.dispatch, 'issues.create', { title: 'Outages', reasonIds: ['service.reliability'] });
      await call(backend.dispatch, 'outreach.issue.fix', { issueId: issue.id, whatChanged: 'Every cabinet now has a backup line.', fixedOn: new Date().toISOString().slice(0, 10) });
      const built = await call(backend.dispatch, 'outreach.issue.build', { issueId: issue.id, byCall: false, messageChannel: 'email' });
      await call(backend.dispatch, 'outreach.send', { id: built.id });
      const expected = (backend.db.prepare('SELECT message_id FROM outreach_members ORDER BY message_id').pluck().all() as string[]).sort();
      expect(expected).toHaveLength(MESSAGES);

      const sender = await bundleSender();
      let kills = 0;
      // Rounds killed at random by progress, not by the clock (a busy machine sends slower, a quiet
      // one faster): each dies once the server has taken 1 to 6 more messages, or by the aimed hold.
      for (let round = 0; round < 8; round += 1) {
        const child = spawn(process.execPath, [sender, backend.dbPath], { stdio: ['ignore', 'pipe', 'inherit'] });
        current = child;
        child.stdout?.resume();
        const killAt = relay.received.length + 1 + Math.floor(Math.random() * 6);
        const watch = setInterval(() => {
          if (relay.received.length >= killAt) child.kill('SIGKILL');
        }, 5);
        await exited(child);
        clearInterval(watch);
        if (child.signalCode === 'SIGKILL') kills += 1;
      }
      current = null;
      // The restart that finishes the batch, in this process. Retries wait for backoff, so run as far in the future as needed.
      const later = { ...backend.deps, now: () => new Date(Date.now() + 24 * 3600_000) };
      await sendDue(later, { sleep: () => Promise.resolve() });

      const received = relay.received.filter((m) => m.messageId !== null && expected.includes(m.messageId));
      const byId = new Map<string, ReceivedMail[]>();
      for (const m of received) byId.set(m.messageId ?? '', [...(byId.get(m.messageId ?? '') ?? []), m]);
      expect([...byId.keys()].sort()).toEqual(expected);
      const uncertain = new Set(backend.db.prepare('SELECT message_id FROM outreach_members WHERE uncertain = 1').pluck().all() as string[]);
      for (const [id, copies] of byId) {
        if (copies.length > 1) {
          expect(uncertain.has(id), `${id} reached the server ${copies.length} times without being marked uncertain`).toBe(true);
          for (const c of copies) expect(c.raw.equals(copies[0]?.raw ?? Buffer.alloc(0))).toBe(true);
        }
      }
      expect(aimed).toBe(true);
      expect(uncertain.size).toBeGreaterThanOrEqual(1);
      expect(backend.db.prepare("SELECT count(*) FROM outreach_members WHERE message_state = 'sent'").pluck().get()).toBe(MESSAGES);
      expect(kills).toBeGreaterThan(1);
    } finally {
      current?.kill('SIGKILL');
      await relay.close();
      backend.dispose();
    }
  }, 120_000);
});
