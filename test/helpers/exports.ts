import type { ExportStatus } from '../../shared/api/exports';
import { call, type TestBackend } from './backend';

/** Polls an export job the way the window does, until it is no longer running; its last status. */
export async function settledExport(b: TestBackend, started: ExportStatus): Promise<ExportStatus> {
  let status = started;
  while (status.state === 'running') {
    // The file is written on the event loop (or by the export workers) between polls.
    await new Promise((resolve) => setTimeout(resolve, 5));
    status = await call(b.dispatch, 'exports.status', { jobId: started.jobId });
  }
  return status;
}

/** A finished export's whole text, taken part by part as the window takes it. */
export async function readExport(b: TestBackend, jobId: string): Promise<string> {
  let text = '';
  for (let offset = 0; ; ) {
    const part = await call(b.dispatch, 'exports.read', { jobId, offset });
    text += part.text;
    offset = part.nextOffset;
    if (part.done) return text;
  }
}
