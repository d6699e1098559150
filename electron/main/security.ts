/**
 * URL checks for the window's guards. Always through the URL parser: string prefixes let
 * lookalikes such as https://example.com.attacker.test through.
 */
export function parseUrl(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** The app's own page: same protocol, host and path as the loaded index (hash routes allowed). */
export function isAppUrl(raw: string, appUrl: string): boolean {
  const url = parseUrl(raw);
  const app = parseUrl(appUrl);
  if (!url || !app) return false;
  return url.protocol === app.protocol && url.host === app.host && url.pathname === app.pathname;
}

/** Links the system browser may open: plain http(s) only. */
export function isExternalWebUrl(raw: string): boolean {
  const url = parseUrl(raw);
  return url !== null && (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
}
