/**
 * Commands the desktop menu sends to the window (push event `menu.command`), with their labels and
 * shortcuts. The main process builds the menu from this list and the renderer acts on it, so the two
 * cannot drift apart.
 */
export const MENU_VIEW_COMMANDS = [
  { command: 'view.queue', label: 'Queue', accelerator: 'CmdOrCtrl+1' },
  { command: 'view.call', label: 'Call', accelerator: 'CmdOrCtrl+2' },
  { command: 'view.trends', label: 'Trends', accelerator: 'CmdOrCtrl+3' },
  { command: 'view.care', label: 'Intensive care', accelerator: 'CmdOrCtrl+4' },
  { command: 'view.admin', label: 'Admin', accelerator: 'CmdOrCtrl+5' },
] as const;

export type MenuCommand = (typeof MENU_VIEW_COMMANDS)[number]['command'];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return MENU_VIEW_COMMANDS.some((c) => c.command === value);
}
