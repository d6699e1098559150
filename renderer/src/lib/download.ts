import { toCsv, type CsvColumn } from '../../../shared/csv/write';

/**
 * Saves data as a file through the browser's own download (an object URL on a temporary link):
 * works the same in the desktop window and in `winback serve`, with no file access for the page.
 */
export function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the download a moment to start before the data goes away.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export const CSV_TYPE = 'text/csv;charset=utf-8';

export function saveCsv<T>(fileName: string, columns: readonly CsvColumn<T>[], rows: readonly T[]): void {
  saveBlob(fileName, new Blob([toCsv(columns, rows)], { type: CSV_TYPE }));
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A file name from a title: "Recovery by offer" -> "winback-recovery-by-offer-2026-11-16.csv". */
export function csvFileName(title: string, now: Date = new Date()): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'table';
  return `winback-${slug}-${now.toISOString().slice(0, 10)}.csv`;
}
