/**
 * The unsubscribe line every email ends with, and its List-Unsubscribe headers (RFC 2369, with
 * RFC 8058's one-click POST where a hub link is there). With the hub reachable from the internet
 * the line is a signed link that records the objection at the hub without a login; otherwise the
 * customer replies, and the reply address is named so a forwarded copy still says where to write.
 */
export function unsubscribeFooter(url: string | null, replyTo: string | null): string {
  const intro = '\n\n--\nYou are receiving this because you were our customer.';
  if (url !== null) return `${intro} To receive no more emails from us, unsubscribe here: ${url}\n`;
  const where = replyTo !== null ? ` (${replyTo})` : '';
  return `${intro} To receive no more emails from us, reply to this email${where} with the word "unsubscribe".\n`;
}

export function listUnsubscribeHeaders(url: string | null, replyTo: string | null): Record<string, string> {
  const mailto = replyTo !== null ? `<mailto:${replyTo}?subject=unsubscribe>` : null;
  const entries = [url !== null ? `<${url}>` : null, mailto].filter((e): e is string => e !== null);
  if (entries.length === 0) return {};
  return {
    'List-Unsubscribe': entries.join(', '),
    ...(url !== null ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
  };
}
