import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The console's stylesheets say "start" and "end", never "left" and "right", so a right-to-left
 * language mirrors the layout by itself (dir="rtl" on the page; the pseudo-language ar-XB shows it,
 * test/e2e/i18n-views.test.ts). A physical side is caught here, where the fix is one word, rather than
 * in a screenshot.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const RENDERER = join(ROOT, 'renderer', 'src');

function cssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return cssFiles(path);
    return entry.name.endsWith('.css') ? [path] : [];
  });
}

/** Each declaration `property: value` of a stylesheet, comments removed, with its line. */
function declarations(css: string): { line: number; property: string; value: string }[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
  return [...text.matchAll(/([a-z-]+)\s*:\s*([^;{}]+)/g)].map((m) => ({
    line: text.slice(0, m.index).split('\n').length,
    property: m[1] ?? '',
    value: (m[2] ?? '').trim(),
  }));
}

/** What a declaration says about a physical side, or null when it is direction-neutral. */
function physicalSide(property: string, value: string): string | null {
  if (/^(left|right)$/.test(property)) return `${property}: use inset-inline-start / inset-inline-end`;
  if (/^(margin|padding|border|scroll-margin|scroll-padding)-(left|right)(-|$)/.test(property)) return `${property}: use the -inline-start / -inline-end property`;
  if (/^border-(top|bottom)-(left|right)-radius$/.test(property)) return `${property}: use border-start-start-radius and its kin`;
  if (/^(text-align|float|clear)$/.test(property) && /^(left|right)$/.test(value)) return `${property}: ${value}: use start / end (inline-start / inline-end for float and clear)`;
  // Four sides given with a different left and right: the shorthand pins them to physical sides.
  if (/^(margin|padding|inset|scroll-margin|scroll-padding)$/.test(property)) {
    const parts = value.split(/\s+(?![^(]*\))/);
    if (parts.length === 4 && parts[1] !== parts[3]) return `${property}: ${value}: right and left differ; use -block and -inline`;
  }
  return null;
}

describe('the stylesheets use logical properties, so a right-to-left language mirrors the layout', () => {
  it('names no left or right side in any stylesheet of the console', () => {
    const files = cssFiles(RENDERER);
    expect(files.length).toBeGreaterThan(3);
    const found = files.flatMap((file) =>
      declarations(readFileSync(file, 'utf8')).flatMap(({ line, property, value }) => {
        const problem = physicalSide(property, value);
        return problem ? [`${relative(ROOT, file)}:${line}: ${problem}`] : [];
      }),
    );
    expect(found).toEqual([]);
  });

  it('tells a physical side from a logical one', () => {
    expect(physicalSide('margin-left', 'auto')).not.toBeNull();
    expect(physicalSide('padding-right', '4px')).not.toBeNull();
    expect(physicalSide('left', '0')).not.toBeNull();
    expect(physicalSide('text-align', 'right')).not.toBeNull();
    expect(physicalSide('float', 'left')).not.toBeNull();
    expect(physicalSide('padding', '2px 4px 8px 2px')).not.toBeNull();
    expect(physicalSide('border-top-left-radius', '4px')).not.toBeNull();
    expect(physicalSide('margin-inline-start', 'auto')).toBeNull();
    expect(physicalSide('text-align', 'end')).toBeNull();
    expect(physicalSide('padding', '4px 12px 4px 12px')).toBeNull();
    expect(physicalSide('margin', '0 -16px -8px')).toBeNull();
    expect(physicalSide('border-left-color', 'red')).not.toBeNull();
  });
});
