import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import {
  countExport,
  findRangeEnd,
  iterateExport,
  iterateExportRange,
  prepareExportConnection,
  readExportNames,
  type ExportNames,
  type ExportRow,
} from '../../../db/repos/exports';
import { csvHeader, csvRowWriter } from '../../../shared/csv/write';
import { DATASETS, exportColumns } from './datasets';
import type { ExportRange, ExportWorkerData, FromExportWorker, ToExportWorker } from './protocol';

/**
 * An export worker: reads ranges of one export on a read-only connection of its own and writes them
 * as CSV bytes, so neither the reading nor the formatting runs on the console's main thread, and
 * two workers use both cores of a desk machine. The coordinator (parallel.ts) decides which
 * snapshot and which ranges; this file only reads and formats.
 */

/** Rows are gathered into strings of about this size, then encoded into the part being filled. */
const PIECE_CHARS = 64 * 1024;
/** A part sent to the coordinator: large enough that messages are few, small enough to keep memory flat. */
const PART_BYTES = 512 * 1024;

const { dbPath, dataset, csv, words } = workerData as ExportWorkerData;
const port = parentPort;
if (!port) throw new Error('The export worker runs only as a worker thread.');
const post = (message: FromExportWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

const db = new Database(dbPath, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const { query } = DATASETS[dataset];
let names: ExportNames | null = null;
/** One row writer for every range this worker writes: its remembered cells are the same whichever range fills them. */
let line: ((row: ExportRow) => string) | null = null;
/** Parts the coordinator has written and handed back, to be filled again. */
const spare: ArrayBuffer[] = [];
const newPart = () => {
  const bytes = spare.pop();
  return bytes ? Buffer.from(bytes) : Buffer.allocUnsafeSlow(PART_BYTES);
};

function begin(): void {
  if (db.inTransaction) db.exec('ROLLBACK');
  prepareExportConnection(db);
  // The first read of the transaction is what fixes its snapshot.
  names = readExportNames(db);
}

/**
 * Says where the range ends (so the next one can start on the other worker), then writes it in
 * parts of about PART_BYTES, each handed over as it fills.
 */
function writeRange(range: ExportRange): void {
  if (!names) throw new Error('The export worker was asked for rows before it had a snapshot.');
  const split = query.split;
  const to = split ? findRangeEnd(db, split, range.from, range.rows) : null;
  post({ type: 'cut', index: range.index, to });
  const { fields, rows } = split ? iterateExportRange(db, split, range.from, to) : iterateExport(db, query);
  const columns = exportColumns(dataset, fields, names, words);
  line ??= csvRowWriter(columns, csv.separator);
  let part = newPart();
  let used = 0;
  let count = 0;
  const send = (last: boolean) => {
    post({ type: 'part', index: range.index, bytes: part.buffer, length: used, rows: count, last }, [part.buffer]);
    used = 0;
    if (!last) part = newPart();
  };
  const add = (piece: string) => {
    const bytes = Buffer.byteLength(piece);
    if (used + bytes > part.length) {
      if (used > 0) send(false);
      // A single row longer than a part (a very long note) gets a part of its own size.
      if (bytes > part.length) part = Buffer.allocUnsafeSlow(bytes);
    }
    used += part.write(piece, used);
  };
  let piece = range.index === 0 ? csvHeader(columns, csv) : '';
  for (const row of rows) {
    piece += line(row);
    count += 1;
    if (piece.length >= PIECE_CHARS) {
      add(piece);
      piece = '';
    }
  }
  if (piece.length > 0) add(piece);
  send(true);
}

port.on('message', (message: ToExportWorker) => {
  try {
    if (message.type === 'begin') {
      begin();
      post({ type: 'begun' });
    } else if (message.type === 'count') {
      post({ type: 'counted', rows: countExport(db, query) });
    } else if (message.type === 'reuse') {
      if (message.bytes.byteLength === PART_BYTES) spare.push(message.bytes);
    } else {
      writeRange(message.range);
    }
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});
post({ type: 'booted' });
