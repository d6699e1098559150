/**
 * The policy of the console's page. `winback serve` sends it as a header; the desktop window loads the
 * page from a file, where only the page's own meta tag can carry it (renderer/index.html, the same
 * policy but frame-ancestors, which a meta tag cannot set; test/unit/electron-shell.test.ts keeps the
 * two equal).
 */
/** The Content-Security-Policy of every console page. Inline styles are needed by the chart library. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
