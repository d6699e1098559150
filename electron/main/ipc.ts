import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { contract } from '../../shared/api';
import type { ApiResult } from '../../shared/api/result';
import type { Dispatch } from '../backend/dispatch';
import { isAppUrl } from './security';

import { INVOKE_CHANNEL_PREFIX } from './ipc-names';
export { INVOKE_CHANNEL_PREFIX };

/**
 * Only the console's own top-level frame, showing the console's own page, may call the backend.
 * A subframe or a page the window was somehow navigated to is refused.
 */
export function isTrustedSender(event: IpcMainInvokeEvent, main: WebContents | null, appUrl: string): boolean {
  const frame = event.senderFrame;
  if (!main || !frame || event.sender !== main) return false;
  if (frame !== main.mainFrame || frame.parent !== null) return false;
  return isAppUrl(frame.url, appUrl);
}

/** One ipcMain handler per contract channel, each answering with an ApiResult. */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  dispatch: Dispatch,
  trusted: (event: IpcMainInvokeEvent) => boolean,
): string[] {
  const names = Object.keys(contract);
  for (const name of names) {
    ipcMain.handle(`${INVOKE_CHANNEL_PREFIX}${name}`, async (event, payload: unknown): Promise<ApiResult<unknown>> => {
      if (!trusted(event)) {
        return { ok: false, error: { code: 'forbidden', message: 'Request from an untrusted frame refused.' } };
      }
      return dispatch(name, payload);
    });
  }
  return names;
}
