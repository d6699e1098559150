import { said } from '../../../shared/i18n/said';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { ImportFileError } from './errors';

export type TextEncoding = 'utf8' | 'windows-1252';

export interface Sniffed {
  encoding: TextEncoding;
  /** A UTF-8 byte-order mark was present (the decoder drops it). */
  bom: boolean;
  size: number;
}

const SAMPLE = 64 * 1024;

async function readStart(path: string): Promise<{ head: Buffer; size: number }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(SAMPLE, size));
    await handle.read(head, 0, head.length, 0);
    return { head, size };
  } finally {
    await handle.close();
  }
}

/** Whether every byte of the file is valid UTF-8, read as a stream so a large file is never held whole. */
async function isUtf8(path: string): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
      decoder.decode(chunk as Buffer, { stream: true });
    }
    decoder.decode();
    return true;
  } catch (error) {
    if (error instanceof TypeError) return false;
    throw error;
  }
}

/**
 * Which text encoding an export uses. Spreadsheet programs write UTF-8 (often with a byte-order
 * mark) or, on Windows, Windows-1252; a file that is not valid UTF-8 throughout is read as the
 * latter. Files that are not text at all are refused with a message that says what to do.
 */
export async function sniffFile(path: string): Promise<Sniffed> {
  const { head, size } = await readStart(path);
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  if (size === 0 || (bom && head.subarray(3).toString('utf8').trim() === '' && size <= SAMPLE)) {
    throw new ImportFileError(said('errors.importFile.empty'));
  }
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    throw new ImportFileError(said('errors.importFile.workbook'));
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new ImportFileError(said('errors.importFile.utf16'));
  }
  if (head.includes(0)) {
    throw new ImportFileError(said('errors.importFile.binary'));
  }
  if (!bom && head.toString('latin1').trim() === '' && size <= SAMPLE) throw new ImportFileError(said('errors.importFile.empty'));
  return { encoding: bom || (await isUtf8(path)) ? 'utf8' : 'windows-1252', bom, size };
}
