import { DIAL_SCHEMES } from '../../shared/domain/phone';
import { parseUrl } from './security';

/**
 * The allow-list for click-to-dial: besides http(s) links (security.ts), the only URLs the console
 * hands to the system are tel:, sip: and callto: with a bare number, nothing else in them.
 */
export function isDialUrl(raw: string): boolean {
  const url = parseUrl(raw);
  if (!url) return false;
  const scheme = url.protocol.slice(0, -1);
  if (!(DIAL_SCHEMES as readonly string[]).includes(scheme)) return false;
  return url.href === `${url.protocol}${url.pathname}` && /^\+?\d{3,17}$/.test(url.pathname);
}

/** Opens a dial URL with the system's handler, refusing anything outside the allow-list. */
export async function openDialUrl(raw: string, openExternal: (url: string) => Promise<void>): Promise<void> {
  if (!isDialUrl(raw)) throw new Error('Refused to open a URL outside the click-to-dial allow-list.');
  await openExternal(raw);
}
