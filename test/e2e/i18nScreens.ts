import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { LANGUAGE_NAMES } from '../../shared/i18n/languages';

/**
 * What the language proofs read from a page in Chromium: the words a person reads or hears, the
 * buttons and labels too narrow for their text, and the page's main regions.
 *
 * The rule for "untranslated" (test/e2e/i18n-views.test.ts runs the console in the pseudo-language
 * en-XA, where every letter of every catalogue string is accented: "Queue" shows as "⟦Ǫúéúé ··⟧"):
 * a catalogue string has no plain ASCII letter left, so every run of ASCII letters on screen came from
 * somewhere else. It is allowed only when it is
 *   1. data, known exactly: every text value the import brought (each text column of `customers`),
 *      the names of the people and cycles and the manager's pause reasons, read from the console's
 *      own database, and the languages' own names in the language picker (each language is listed
 *      under its own name on purpose). These are removed as whole strings, longest first, so
 *      "Rep Devon (demo)" or "Month-to-month" is taken away only where it is shown whole. The one
 *      loosening: each word of a customer's or person's name on its own too, as a script greets by
 *      first name ("Hello Ada"), so such a word (case and all, "Example") is allowed anywhere;
 *   2. a word Intl writes in the formatting locale (English for the pseudo-languages): month and
 *      weekday names, AM/PM and day periods, relative times ("yesterday", "in 3 days"), units
 *      ("min", "hr"), compact numbers ("K"), "and"/"or" of lists and the names of the time zones on
 *      screen; computed in the same browser, so they are exactly what Intl prints there;
 *   3. an ISO 4217 currency code (Intl.supportedValuesOf('currency')), and the full names Intl gives
 *      the currencies (as whole strings, like data);
 *   4. code a manager types or matches as written, the same in every language: a merge field of a
 *      message template ("{{first_name}}", a word of lower-case letters and underscores in double
 *      braces), and a stable id the console shows as one, the whole text of a `<code translate="no">`
 *      that is a single token without spaces (a category's id in the playbook). A sentence cannot
 *      hide in either.
 * Numbers, punctuation and symbols have no letters and never count. Everything else is English that
 * bypassed the catalogue, and is reported with the screen it was on.
 */

/**
 * Which part of the page a text is in: the top bar and the status line around every view (the floor
 * state control of the top bar apart, 'presence'), an open dialog, or the view itself (with the
 * notices its actions raise).
 */
export type Zone = 'frame' | 'presence' | 'dialog' | 'view';

export interface ScreenText {
  zone: Zone;
  /** Where on the page: the element's tag, and the attribute when the text is one. */
  where: string;
  text: string;
}

/**
 * Every text node and aria-label/title/placeholder/alt a person can read or hear, on the whole page,
 * but those inside an element matching one of `exempt` (a named exception of the caller's).
 */
export function readableTexts(page: Page, exempt: readonly string[] = []): Promise<ScreenText[]> {
  return page.evaluate((exempt) => {
    const exempted = (el: Element): boolean => exempt.some((selector) => el.closest(selector) !== null);
    const shown = (el: Element | null): boolean => {
      if (!el) return false;
      // An option is drawn by its select (closed or open): it counts when the select is shown.
      const owner = el.closest('select') ?? el;
      if (owner.closest('[aria-hidden="true"]')) return false;
      return owner.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
    };
    const zoneOf = (el: Element): 'frame' | 'presence' | 'dialog' | 'view' => {
      if (el.closest('[role="dialog"], dialog')) return 'dialog';
      if (el.closest('header.topbar .presence')) return 'presence';
      if (el.closest('header.topbar, footer')) return 'frame';
      return 'view';
    };
    const out: { zone: 'frame' | 'presence' | 'dialog' | 'view'; where: string; text: string }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue ?? '';
      const parent = node.parentElement;
      if (!/[A-Za-z]/.test(text) || !parent || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(parent.tagName)) continue;
      // Rule 4: an id shown as code, one token, whole.
      if (parent.tagName === 'CODE' && parent.getAttribute('translate') === 'no' && /^[\w.-]+$/.test(text.trim())) continue;
      if (shown(parent) && !exempted(parent)) out.push({ zone: zoneOf(parent), where: parent.tagName.toLowerCase(), text: text.trim() });
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt], [aria-description], [aria-roledescription], [aria-valuetext]')) {
      if (!shown(el) || exempted(el)) continue;
      for (const attribute of ['aria-label', 'title', 'placeholder', 'alt', 'aria-description', 'aria-roledescription', 'aria-valuetext']) {
        const text = el.getAttribute(attribute);
        if (text && /[A-Za-z]/.test(text)) out.push({ zone: zoneOf(el), where: `${el.tagName.toLowerCase()}[${attribute}]`, text: text.trim() });
      }
    }
    // Buttons drawn from an input say their value.
    for (const el of document.body.querySelectorAll<HTMLInputElement>('input[type="button"], input[type="submit"], input[type="reset"]')) {
      if (shown(el) && !exempted(el) && /[A-Za-z]/.test(el.value)) out.push({ zone: zoneOf(el), where: 'input[value]', text: el.value.trim() });
    }
    return out;
  }, exempt);
}

/** The data strings of rule 1, from the database the console serves. */
export function dataStrings(dbPath: string): string[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const textColumns = (db.prepare("SELECT name FROM pragma_table_info('customers') WHERE type = 'TEXT'").all() as { name: string }[]).map((c) => c.name);
    if (textColumns.length === 0) throw new Error('The customers table has no text columns: the data rule would allow nothing.');
    const values = new Set<string>();
    for (const row of db.prepare(`SELECT ${textColumns.map((c) => `"${c}"`).join(', ')} FROM customers`).raw().all() as unknown[][]) {
      for (const value of row) if (typeof value === 'string' && /[A-Za-z]/.test(value)) values.add(value);
    }
    // The pause reasons are the manager's own list (edited in the Floor view, shared by the hub with
    // every desk), like the names of people and cycles. A message template's subject is the company's
    // words to its customers, in the language it writes to them, whatever the manager's desk runs
    // (Admin lists it as written; the template's name, the manager's label for it, is translated).
    for (const sql of ['SELECT name FROM people', 'SELECT name FROM cycles', 'SELECT label AS name FROM pause_reasons', 'SELECT subject AS name FROM outreach_templates']) {
      for (const { name } of db.prepare(sql).all() as { name: string }[]) values.add(name);
    }
    // A script greets by first name ("Hello {{firstName}}"): each word of a person's name is data too.
    for (const sql of ['SELECT name FROM customers WHERE name IS NOT NULL', 'SELECT name FROM people']) {
      for (const { name } of db.prepare(sql).all() as { name: string }[]) for (const part of name.split(/\s+/)) if (/[A-Za-z]/.test(part)) values.add(part);
    }
    for (const name of Object.values(LANGUAGE_NAMES)) values.add(name);
    return [...values];
  } finally {
    db.close();
  }
}

/** The words of rule 2 and the currency codes and names of rule 3, as this browser's Intl writes them. */
export function intlVocabulary(page: Page, locale: string, timeZones: string[]): Promise<{ words: string[]; names: string[] }> {
  return page.evaluate(
    ({ locale, timeZones }) => {
      const texts: string[] = [];
      const at = (month: number, day: number, hour: number) => new Date(Date.UTC(2026, month, day, hour));
      for (let m = 0; m < 12; m += 1) {
        for (const month of ['long', 'short', 'narrow'] as const) texts.push(new Intl.DateTimeFormat(locale, { month, timeZone: 'UTC' }).format(at(m, 15, 12)));
      }
      for (let d = 0; d < 7; d += 1) {
        for (const weekday of ['long', 'short', 'narrow'] as const) texts.push(new Intl.DateTimeFormat(locale, { weekday, timeZone: 'UTC' }).format(at(10, 1 + d, 12)));
      }
      for (let h = 0; h < 24; h += 1) {
        texts.push(new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'UTC' }).format(at(10, 1, h)));
        for (const dayPeriod of ['long', 'short', 'narrow'] as const) texts.push(new Intl.DateTimeFormat(locale, { hour: 'numeric', dayPeriod, timeZone: 'UTC' }).format(at(10, 1, h)));
      }
      const zones = [...timeZones, Intl.DateTimeFormat().resolvedOptions().timeZone, 'UTC'];
      for (const timeZone of zones) {
        for (const timeZoneName of ['short', 'long', 'shortGeneric', 'longGeneric', 'shortOffset', 'longOffset'] as const) {
          for (const month of [0, 6]) texts.push(new Intl.DateTimeFormat(locale, { timeZoneName, timeZone }).format(at(month, 15, 12)));
        }
      }
      const units = ['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second'] as const;
      for (const unit of units) {
        for (const style of ['long', 'short', 'narrow'] as const) {
          for (const numeric of ['auto', 'always'] as const) {
            for (const n of [-2, -1, 0, 1, 2]) texts.push(new Intl.RelativeTimeFormat(locale, { style, numeric }).format(n, unit));
          }
        }
      }
      for (const unit of ['year', 'month', 'week', 'day', 'hour', 'minute', 'second', 'millisecond', 'percent'] as const) {
        for (const unitDisplay of ['long', 'short', 'narrow'] as const) {
          for (const n of [1, 2]) texts.push(new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay }).format(n));
        }
      }
      for (const compactDisplay of ['short', 'long'] as const) {
        for (const n of [1e3, 1e6, 1e9, 1e12]) texts.push(new Intl.NumberFormat(locale, { notation: 'compact', compactDisplay }).format(n));
      }
      for (const type of ['conjunction', 'disjunction', 'unit'] as const) texts.push(new Intl.ListFormat(locale, { type }).format(['1', '2', '3']));
      const codes = Intl.supportedValuesOf('currency');
      const currencyNames = new Intl.DisplayNames([locale], { type: 'currency' });
      const words = new Set<string>(codes);
      for (const text of texts) for (const word of text.match(/[A-Za-z]+/g) ?? []) words.add(word);
      return { words: [...words], names: codes.map((c) => currencyNames.of(c) ?? '').filter((n) => /[A-Za-z]/.test(n)) };
    },
    { locale, timeZones },
  );
}

/** The time zones of the imported customers: their names are on screen for calling hours. */
export function customerTimeZones(dbPath: string): string[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT DISTINCT timezone FROM customers WHERE timezone IS NOT NULL').all() as { timezone: string }[]).map((r) => r.timezone);
  } finally {
    db.close();
  }
}

/** Tells the words no rule allows apart from the rest; built once per console, applied per text. */
export function untranslatedFinder(data: string[], intl: { words: string[]; names: string[] }) {
  // Indexed by their first word: a text is compared only with the strings that could be in it
  // (thousands of customers' values against every text of every screen is otherwise too slow).
  const byFirstWord = new Map<string, string[]>();
  for (const whole of [...new Set([...data, ...intl.names])].sort((a, b) => b.length - a.length)) {
    const first = /[A-Za-z]+/.exec(whole)?.[0];
    if (first) byFirstWord.set(first, [...(byFirstWord.get(first) ?? []), whole]);
  }
  const words = new Set(intl.words);
  return (text: string): string[] => {
    const candidates = [...new Set(text.match(/[A-Za-z]+/g) ?? [])].flatMap((word) => byFirstWord.get(word) ?? []);
    let rest = text;
    for (const whole of candidates.sort((a, b) => b.length - a.length)) if (rest.includes(whole)) rest = rest.split(whole).join(' ');
    // Rule 4: merge fields are syntax.
    rest = rest.replace(/\{\{[a-z_]+\}\}/g, ' ');
    return (rest.match(/[A-Za-z]+/g) ?? []).filter((word) => !words.has(word));
  };
}

export interface Overflow {
  zone: Zone;
  text: string;
  scrollWidth: number;
  clientWidth: number;
}

/**
 * Buttons and labels whose text does not fit their box (scrollWidth > clientWidth): clipped, or
 * spilling over what is next to it. Inline boxes (an inline label around its field) have no width of
 * their own and cannot clip; a box of a pixel or less is text kept for screen readers only (.sr-only).
 */
export function overflowingControls(page: Page): Promise<Overflow[]> {
  return page.evaluate(() => {
    const zoneOf = (el: Element): 'frame' | 'presence' | 'dialog' | 'view' => {
      if (el.closest('[role="dialog"], dialog')) return 'dialog';
      if (el.closest('header.topbar .presence')) return 'presence';
      if (el.closest('header.topbar, footer')) return 'frame';
      return 'view';
    };
    const out: { zone: 'frame' | 'presence' | 'dialog' | 'view'; text: string; scrollWidth: number; clientWidth: number }[] = [];
    for (const el of document.body.querySelectorAll<HTMLElement>('button, label, [role="button"], input[type="button"], input[type="submit"]')) {
      if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      const box = el.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1 || getComputedStyle(el).display === 'inline') continue;
      if (el.scrollWidth > el.clientWidth) {
        const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim() || el.getAttribute('aria-label') || (el as HTMLInputElement).value || el.outerHTML.slice(0, 80);
        out.push({ zone: zoneOf(el), text, scrollWidth: el.scrollWidth, clientWidth: el.clientWidth });
      }
    }
    return out;
  });
}

export interface Region {
  name: string;
  box: { x: number; y: number; width: number; height: number };
}

/**
 * Pairs of the page's main regions that overlap: the top bar and its navigation, the main area, the
 * footer, and the landmarks and headers inside them. A region inside another (the navigation in the
 * top bar) is not an overlap; two side by side or one under the other must not share a pixel row and
 * column at once (a part of a pixel is rounding).
 */
export function overlappingRegions(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = 'header, nav, main, footer, aside, [role="region"], [role="complementary"], [role="navigation"], [role="search"], [role="banner"], [role="contentinfo"]';
    const regions = [...document.querySelectorAll<HTMLElement>(selector)].filter((el) => {
      const box = el.getBoundingClientRect();
      return el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) && box.width > 1 && box.height > 1;
    });
    const describe = (el: HTMLElement) => `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''}${el.getAttribute('aria-label') ? `[${el.getAttribute('aria-label')}]` : ''}`;
    const found: string[] = [];
    regions.forEach((a, i) => {
      for (const b of regions.slice(i + 1)) {
        if (a.contains(b) || b.contains(a)) continue;
        const p = a.getBoundingClientRect();
        const q = b.getBoundingClientRect();
        const across = Math.min(p.right, q.right) - Math.max(p.left, q.left);
        const down = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
        if (across > 1 && down > 1) found.push(`${describe(a)} overlaps ${describe(b)} by ${Math.round(across)}x${Math.round(down)} px`);
      }
    });
    return found;
  });
}

/** Waits until nothing on the page is loading and its text stopped changing (lazy views, fetches). */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[aria-busy="true"]') === null);
  let last = '';
  for (let same = 0; same < 1; ) {
    await page.waitForTimeout(100);
    const now = await page.evaluate(() => `${document.body.innerText.length}:${document.querySelectorAll('*').length}:${document.querySelector('[aria-busy="true"]') === null}`);
    same = now === last ? same + 1 : 0;
    last = now;
  }
}
