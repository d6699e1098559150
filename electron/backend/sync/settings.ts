import { appError } from '../i18n/errors';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../db/open';
import { getSetting, setSetting } from '../../../db/repos/settings';
import type { Role } from '../../../shared/domain/roles';

/**
 * Where the console keeps its sync configuration and state: the settings table, so it survives a
 * restart and travels with a backup. The token is only ever read here and by the sender; no
 * channel returns it to the window.
 */
export const SYNC_KEYS = {
  hubUrl: 'sync.hubUrl',
  /** Every hub address, in the order they are tried; hubUrl is the first. */
  hubUrls: 'sync.hubUrls',
  hubToken: 'sync.hubToken',
  consoleId: 'sync.consoleId',
  online: 'sync.online',
  lastSyncAt: 'sync.lastSyncAt',
  lastError: 'sync.lastError',
  failures: 'sync.failures',
  refused: 'sync.refused',
  lastPullAt: 'sync.lastPullAt',
  /** The role of the person who last saved the hub settings: a manager's hub token can then vouch for a role (Switch person). */
  savedByRole: 'sync.savedByRole',
} as const;

export function recordHubSavedBy(db: Db, role: Role | null): void {
  setSetting(db, SYNC_KEYS.savedByRole, role);
}

export function readHubSavedBy(db: Db): Role | null {
  return getSetting<Role | null>(db, SYNC_KEYS.savedByRole) ?? null;
}

export interface HubConfig {
  url: string;
  /** Every address of the hub (several instances behind no common proxy), tried in order on failure. */
  urls: string[];
  token: string;
}

/** The hub's addresses as shown and entered: separated by commas. */
export function readHubUrl(db: Db): string | null {
  const urls = readHubUrls(db);
  return urls.length > 0 ? urls.join(', ') : null;
}

export function readHubUrls(db: Db): string[] {
  const list = getSetting<string[]>(db, SYNC_KEYS.hubUrls);
  if (Array.isArray(list) && list.length > 0) return list;
  const one = getSetting<string>(db, SYNC_KEYS.hubUrl);
  return one ? [one] : [];
}

/** Most hub addresses a console keeps: a few instances, not a directory. */
export const MAX_HUB_URLS = 5;

/** Several addresses, separated by commas, spaces or lines: each checked as one address is. */
export function normaliseHubUrls(input: string): string[] {
  const parts = input.split(/[\s,]+/).filter((p) => p !== '');
  if (parts.length === 0) throw appError('invalid_input', 'hub.address.full');
  if (parts.length > MAX_HUB_URLS) throw appError('invalid_input', 'hub.address.tooMany', { max: MAX_HUB_URLS });
  return [...new Set(parts.map(normaliseHubUrl))];
}

export function hasHubToken(db: Db): boolean {
  return Boolean(getSetting<string>(db, SYNC_KEYS.hubToken));
}

/** The hub to talk to, or null while the console is standalone or has no token yet. */
export function readHubConfig(db: Db): HubConfig | null {
  const urls = readHubUrls(db);
  const token = getSetting<string>(db, SYNC_KEYS.hubToken);
  const url = urls[0];
  return url && token ? { url, urls, token } : null;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Checks a hub address with the URL parser. https anywhere; plain http only to this computer,
 * since the token and the customers' contact details would otherwise cross the network readable.
 * Returns the address to store, or throws the error the person reads (by key).
 */
export function normaliseHubUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw appError('invalid_input', 'hub.address.full');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw appError('invalid_input', 'hub.address.https');
  if (url.username || url.password) throw appError('invalid_input', 'hub.address.noUser');
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    throw appError('invalid_input', 'hub.address.httpsElsewhere');
  }
  url.search = '';
  url.hash = '';
  return url.toString();
}

export function saveHubSettings(db: Db, input: { url: string; token?: string | undefined }): void {
  const urls = normaliseHubUrls(input.url);
  const url = urls.join(', ');
  db.transaction(() => {
    const previous = readHubUrl(db);
    setSetting(db, SYNC_KEYS.hubUrl, urls[0]);
    setSetting(db, SYNC_KEYS.hubUrls, urls);
    if (input.token !== undefined) setSetting(db, SYNC_KEYS.hubToken, input.token);
    if (previous !== url || input.token !== undefined) {
      // A new hub or token starts with a clean slate: old errors and backoff belong to the old one.
      setSetting(db, SYNC_KEYS.failures, 0);
      setSetting(db, SYNC_KEYS.lastError, null);
      setSetting(db, SYNC_KEYS.online, false);
    }
  })();
}

export function forgetHub(db: Db): void {
  db.transaction(() => {
    db.prepare('DELETE FROM settings WHERE key IN (?, ?, ?, ?, ?, ?)').run(
      SYNC_KEYS.hubUrl,
      SYNC_KEYS.hubUrls,
      SYNC_KEYS.hubToken,
      SYNC_KEYS.online,
      SYNC_KEYS.lastError,
      SYNC_KEYS.failures,
    );
  })();
}

/** This console's id in every event it sends; made once, on first use. */
export function consoleId(db: Db): string {
  const existing = getSetting<string>(db, SYNC_KEYS.consoleId);
  if (existing) return existing;
  const id = randomUUID();
  setSetting(db, SYNC_KEYS.consoleId, id);
  return id;
}
