import type { PseudoLanguage } from './languages';

/**
 * Pseudo-translations of the English catalogue, made when one is chosen (never shipped as files):
 * - en-XA: every letter accented, the text lengthened by a third (German runs about that much longer
 *   than English) and bracketed ⟦…⟧, so text that bypasses the catalogue stands out unbracketed and a
 *   box too small for a longer language shows its clipping;
 * - ar-XB: the same text wrapped in right-to-left marks, with the page set to dir="rtl", to show what
 *   a right-to-left language would mirror.
 * Interpolations ({{count}}), nesting ($t(key)) and the numbered tags of <Trans> (<1>…</1>) pass
 * through untouched, so the pseudo-text still works.
 */
const ACCENTED: Record<string, string> = {
  a: 'á', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'í', j: 'ĵ', k: 'ķ', l: 'ĺ', m: 'ɱ',
  n: 'ñ', o: 'ó', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'ú', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Á', B: 'Ɓ', C: 'Ç', D: 'Ð', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Í', J: 'Ĵ', K: 'Ķ', L: 'Ĺ', M: 'Ṁ',
  N: 'Ñ', O: 'Ó', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Ú', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};

/** Placeholders kept verbatim: {{value}}, $t(key), <1>, </1>, <br/>. */
const KEPT = /(\{\{[^}]*\}\}|\$t\([^)]*\)|<\/?\d+\s*\/?>|<br\s*\/?>)/g;

export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';

export function pseudoText(text: string, language: PseudoLanguage): string {
  if (text === '') return text;
  const parts = text.split(KEPT);
  let letters = 0;
  const body = parts
    .map((part, i) => {
      if (i % 2 === 1) return part;
      letters += part.replace(/\s/g, '').length;
      return part.replace(/[A-Za-z]/g, (ch) => ACCENTED[ch] ?? ch);
    })
    .join('');
  const padding = '·'.repeat(Math.ceil(letters / 3));
  const accented = `${PSEUDO_OPEN}${body}${padding ? ` ${padding}` : ''}${PSEUDO_CLOSE}`;
  // RLE … PDF: the embedding reads right to left even inside a left-to-right run.
  return language === 'ar-XB' ? `\u202B${accented}\u202C` : accented;
}

export type Catalogue = { [key: string]: string | Catalogue };

export function pseudoCatalogue(english: Catalogue, language: PseudoLanguage): Catalogue {
  const out: Catalogue = {};
  for (const [key, value] of Object.entries(english)) {
    out[key] = typeof value === 'string' ? pseudoText(value, language) : pseudoCatalogue(value, language);
  }
  return out;
}
