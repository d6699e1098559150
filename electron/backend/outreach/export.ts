import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import yazl from 'yazl';
import { csvHeader, csvRow, type CsvColumn } from '../../../shared/csv/write';
import { firstNameOf } from '../../../shared/domain/outreachTemplate';
import type { Db } from '../../../db/open';
import { audit } from '../../../db/repos/audit';
import { getOutreach, type OutreachRow } from '../../../db/repos/outreach';
import type { ServiceDeps } from '../types';
import { emlBytes, type EmlSender } from './eml';
import { unsubscribeFooter } from './footer';
import { ensureUnsubscribeLinks } from './hubLinks';
import { readSender } from './settings';
import { appError } from '../i18n/errors';
import { t } from '../i18n';
import type { en } from '../../../shared/i18n/messages/en/index';

/** A message as the exports read it: only those written in full, never one blocked on a missing value. */
interface ExportRow {
  customer_id: number;
  external_id: string;
  name: string | null;
  to_address: string | null;
  subject: string;
  body: string;
  code: string | null;
  code_expires_on: string | null;
  message_id: string | null;
  unsubscribe_url: string | null;
  composed_at: string;
  language: string;
}

function exportRows(db: Db, outreachId: string): ExportRow[] {
  return db
    .prepare(
      `SELECT m.customer_id, c.external_id, c.name, m.to_address, m.subject, m.body, m.code, m.code_expires_on, m.message_id,
         m.unsubscribe_url, m.composed_at, m.language
       FROM outreach_members m JOIN customers c ON c.id = m.customer_id
       WHERE m.outreach_id = ? AND m.message_state IN ('ready', 'exported') ORDER BY m.customer_id`,
    )
    .all(outreachId) as ExportRow[];
}

function outreachOf(db: Db, id: string): OutreachRow & { message_channel: 'email' | 'letter' } {
  const o = getOutreach(db, id);
  if (!o) throw appError('not_found', 'outreach.notFound');
  if (o.message_channel === null) throw appError('conflict', 'outreach.export.callsOnly');
  return { ...o, message_channel: o.message_channel };
}

/** Handed to the company's own tool: from now on the console never sends these itself, so nobody gets two. */
function markExported(db: Db, outreachId: string, customerIds: readonly number[], actorId: string | null, at: string, format: string): void {
  db.transaction(() => {
    const mark = db.prepare(`UPDATE outreach_members SET message_state = 'exported', exported_at = ? WHERE outreach_id = ? AND customer_id = ? AND message_state = 'ready'`);
    for (const id of customerIds) mark.run(at, outreachId, id);
    audit(db, { at, actorId, action: 'outreach.export', entity: 'outreach', entityId: outreachId, detail: { format, messages: customerIds.length } });
  })();
}

function fileSlug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'outreach';
}

/**
 * The mail-merge file: one row per customer whose message is written, the text ready to paste
 * or merge, every cell formula-safe (shared/csv/write.ts). Letters carry the customer id for the
 * letter tool to find the postal address; emails carry the address and the unsubscribe line.
 */
export async function outreachCsv(deps: ServiceDeps, actorId: string | null, id: string): Promise<{ fileName: string; text: string; messages: number }> {
  const { db } = deps;
  const outreach = outreachOf(db, id);
  if (outreach.message_channel === 'email') await ensureUnsubscribeLinks(deps, id);
  const sender = readSender(db);
  const rows = exportRows(db, id);
  if (rows.length === 0) throw appError('conflict', 'outreach.export.noneReady');
  const email = outreach.message_channel === 'email';
  // Headers in the exporting person's language, like every other CSV (English for the command line).
  const h = (key: keyof typeof en.csvExport.outreach) => t(`csvExport.outreach.${key}`);
  const columns: CsvColumn<ExportRow>[] = [
    { header: h('customerId'), value: (r) => r.external_id },
    { header: h('firstName'), value: (r) => firstNameOf(r.name) },
    { header: h('name'), value: (r) => r.name },
    ...(email ? [{ header: h('email'), value: (r: ExportRow) => r.to_address }] : []),
    { header: h('subject'), value: (r) => r.subject },
    { header: h('message'), value: (r) => (email ? `${r.body}${unsubscribeFooter(r.unsubscribe_url, sender.replyTo, r.language)}` : r.body) },
    { header: h('code'), value: (r) => r.code },
    { header: h('codeValidUntil'), value: (r) => r.code_expires_on },
    ...(email ? [{ header: h('unsubscribeLink'), value: (r: ExportRow) => r.unsubscribe_url }, { header: h('messageId'), value: (r: ExportRow) => r.message_id }] : []),
  ];
  let text = csvHeader(columns);
  for (const r of rows) text += csvRow(columns, r);
  markExported(db, id, rows.map((r) => r.customer_id), actorId, deps.now().toISOString(), 'csv');
  return { fileName: `winback-${fileSlug(outreach.name)}-${email ? 'emails' : 'letters'}.csv`, text, messages: rows.length };
}

function emlSender(db: Db): EmlSender {
  const sender = readSender(db);
  if (sender.fromAddress === null) throw appError('conflict', 'outreach.senderFirstShort');
  return { company: sender.company, fromAddress: sender.fromAddress, replyTo: sender.replyTo };
}

export function emlFileName(r: { customer_id: number; external_id: string }): string {
  return `${r.customer_id}-${r.external_id.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60)}.eml`;
}

async function* emlFiles(db: Db, id: string): AsyncGenerator<{ name: string; bytes: Buffer; customerId: number }> {
  const sender = emlSender(db);
  for (const r of exportRows(db, id)) {
    if (r.to_address === null || r.message_id === null) continue;
    const bytes = await emlBytes(
      { to: r.to_address, subject: r.subject, body: r.body, messageId: r.message_id, composedAt: r.composed_at, unsubscribeUrl: r.unsubscribe_url, language: r.language },
      sender,
    );
    yield { name: emlFileName(r), bytes, customerId: r.customer_id };
  }
}

function assertEmail(outreach: OutreachRow & { message_channel: 'email' | 'letter' }): void {
  if (outreach.message_channel !== 'email') throw appError('conflict', 'outreach.export.letters');
}

/** One .eml file per customer in a zip, for the window's download (the command line can write a folder). */
export async function outreachEmlZip(deps: ServiceDeps, actorId: string | null, id: string): Promise<{ fileName: string; bytes: Buffer; messages: number }> {
  const { db } = deps;
  const outreach = outreachOf(db, id);
  assertEmail(outreach);
  await ensureUnsubscribeLinks(deps, id);
  const zip = new yazl.ZipFile();
  const chunks: Buffer[] = [];
  zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
  const done = finished(zip.outputStream);
  const ids: number[] = [];
  for await (const f of emlFiles(db, id)) {
    zip.addBuffer(f.bytes, f.name, { mtime: new Date(deps.now()), compress: true });
    ids.push(f.customerId);
  }
  if (ids.length === 0) throw appError('conflict', 'outreach.export.noEmailReady');
  zip.end();
  await done;
  markExported(db, id, ids, actorId, deps.now().toISOString(), 'eml');
  return { fileName: `winback-${fileSlug(outreach.name)}-emails.zip`, bytes: Buffer.concat(chunks), messages: ids.length };
}

/** The command line's exports: .eml files into a folder or a zip file, or the CSV, without holding them all in memory. */
export async function writeOutreachExport(
  deps: ServiceDeps,
  actorId: string | null,
  id: string,
  target: { format: 'csv' | 'eml-folder' | 'eml-zip'; path: string },
): Promise<{ messages: number; path: string }> {
  const { db } = deps;
  if (target.format === 'csv') {
    const csv = await outreachCsv(deps, actorId, id);
    writeFileSync(target.path, csv.text, 'utf8');
    return { messages: csv.messages, path: target.path };
  }
  const outreach = outreachOf(db, id);
  assertEmail(outreach);
  await ensureUnsubscribeLinks(deps, id);
  const ids: number[] = [];
  if (target.format === 'eml-folder') {
    mkdirSync(target.path, { recursive: true });
    for await (const f of emlFiles(db, id)) {
      writeFileSync(join(target.path, f.name), f.bytes);
      ids.push(f.customerId);
    }
  } else {
    const zip = new yazl.ZipFile();
    const out = createWriteStream(target.path);
    zip.outputStream.pipe(out);
    for await (const f of emlFiles(db, id)) {
      zip.addBuffer(f.bytes, f.name, { mtime: new Date(deps.now()), compress: true });
      ids.push(f.customerId);
    }
    zip.end();
    await finished(out);
  }
  markExported(db, id, ids, actorId, deps.now().toISOString(), target.format);
  return { messages: ids.length, path: target.path };
}
