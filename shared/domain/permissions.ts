import { said, type Said } from '../i18n/said';

/**
 * The contact-permission ledger: who must not be contacted, on which channel, since when, on whose
 * word. One ledger for the organisation: every desk keeps a copy and the hub relays each change.
 * Entries are added or expired, never deleted: the history is the ledger.
 */
export const PERMISSION_KINDS = ['phone', 'email', 'customer'] as const;
export type PermissionKind = (typeof PERMISSION_KINDS)[number];

/** Never call; never email; no contact at all. */
export const PERMISSION_SCOPES = ['call', 'email', 'all'] as const;
export type PermissionScope = (typeof PERMISSION_SCOPES)[number];

/** The customer said so on a call; an imported list (a company list, a do-not-call registry); a manager. */
export const PERMISSION_SOURCES = ['customer', 'list', 'manager'] as const;
export type PermissionSource = (typeof PERMISSION_SOURCES)[number];

export const SCOPE_LABELS: Record<PermissionScope, string> = {
  call: 'do not call',
  email: 'do not email',
  all: 'do not contact',
};

export const SOURCE_LABELS: Record<PermissionSource, string> = {
  customer: 'the customer, on a call',
  list: 'an imported list',
  manager: 'a manager',
};

/** Whether an entry of this scope keeps a customer from being called (or emailed). */
export function scopeBlocks(scope: PermissionScope, channel: 'call' | 'email'): boolean {
  return scope === 'all' || scope === channel;
}

/** What stops a contact, as the dial button and the card say it. */
export interface ContactBlock {
  scope: PermissionScope;
  source: PermissionSource;
  /** When the entry was added (ISO). */
  since: string;
  /** Who added it: a person's name, or the list's name. */
  by: string;
  /** When it ends by itself, if ever. */
  expiresAt: string | null;
  /** Set when a do-not-call registry list is what blocks. */
  registry?: boolean;
}

/** "Blocked: do not call, since 12 Nov 2026, by Mia Manager". */
export function blockedLabel(block: ContactBlock, channel: 'call' | 'email', formatDate: (iso: string) => string): string {
  const what = block.scope === 'all' ? SCOPE_LABELS.all : channel === 'call' ? SCOPE_LABELS.call : SCOPE_LABELS.email;
  return `Blocked: ${what}, since ${formatDate(block.since)}, by ${block.by}`;
}

/** An email address as the ledger keys it. */
export function emailKey(raw: string): string {
  return raw.trim().toLowerCase();
}

/** The same as blockedLabel, by key: the window says it in the person's language, the day in their locale. */
export function blockedSaid(block: ContactBlock, channel: 'call' | 'email'): Said {
  const scope = block.scope === 'all' ? 'all' : channel;
  return said('components.blocked', { what: said(`components.scope.${scope}`), since: { day: block.since.slice(0, 10) }, by: block.by });
}
