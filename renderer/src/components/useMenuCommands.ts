import { useEffect } from 'react';
import { isMenuCommand, type MenuCommand } from '../../../shared/api/menu';
import { onPushEvent } from '../api/desktop';
import { useAppStore } from '../store';
import type { View } from '../store/navigationSlice';

const VIEW_OF: Record<MenuCommand, View> = {
  'view.queue': 'queue',
  'view.call': 'call',
  'view.trends': 'trends',
  'view.care': 'care',
  'view.admin': 'admin',
};

/** Runs the desktop menu's commands (and their shortcuts) in this window; nothing in a browser. */
export function useMenuCommands(): void {
  const go = useAppStore((s) => s.go);
  useEffect(
    () =>
      onPushEvent('menu.command', (payload) => {
        // The payload crosses a process boundary: only known commands are acted on.
        if (isMenuCommand(payload)) go(VIEW_OF[payload]);
      }),
    [go],
  );
}
