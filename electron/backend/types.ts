/**
 * The types every part of the headless core shares. A leaf: it imports nothing of the core's own,
 * so the domains can depend on it without tying themselves to the dispatcher or to each other.
 */
import type { Db } from '../../db/open';
import type { Theme } from '../../shared/api/preferences';
import type { Person } from '../../shared/api/session';
import type { Channel, ChannelOutput, ChannelParsedInput, Contract } from '../../shared/api';

/**
 * The backend's logger. Messages name events and ids, never customer names, phones or emails:
 * logs leave the desk in support tickets.
 */
export interface Logger {
  info(message: string, fields?: Record<string, string | number | boolean>): void;
  warn(message: string, fields?: Record<string, string | number | boolean>): void;
  error(message: string, fields?: Record<string, string | number | boolean>): void;
}

/**
 * What only the desktop shell can do, given by the Electron main process. Absent under
 * `winback serve` and the CLI, where the browser or the terminal does these things itself.
 */
export interface DesktopShell {
  /** Opens a checked tel:/sip:/callto: URL with the system's handler (main process allow-list). */
  openDialUrl: (url: string) => Promise<void>;
  /** Lets native menus and dialogs follow the console's theme. */
  applyTheme: (theme: Theme) => void;
}

/** What every service needs from the outside world, passed in so tests can substitute it. */
export interface ServiceDeps {
  db: Db;
  now: () => Date;
  appVersion: string;
  log: Logger;
  /** Where bundled data (the demo sample) lives. */
  dataDir: string;
  desktop?: DesktopShell;
}

/** Who is calling. The dispatcher refuses every channel but the first-run ones until someone is set up. */
export interface CallContext {
  user: Person;
}

/** The first-run channels (`setup: true` in the contract) also answer before anyone is set up. */
export interface SetupCallContext {
  user: Person | null;
}

export type ContextOf<C extends Channel> = Contract[C] extends { setup: true } ? SetupCallContext : CallContext;

export type Handler<C extends Channel> = (
  deps: ServiceDeps,
  input: ChannelParsedInput<C>,
  ctx: ContextOf<C>,
) => ChannelOutput<C> | Promise<ChannelOutput<C>>;

export type Handlers = { [C in Channel]: Handler<C> };
export type HandlerGroup<C extends Channel> = { [K in C]: Handler<K> };
