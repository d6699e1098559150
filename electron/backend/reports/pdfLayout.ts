import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { niceScale } from '../../../shared/reports/charts';

/**
 * Drawing helpers for the printed trends report: headings, tables that break across pages,
 * horizontal bar charts and line charts, all vector so they print sharply.
 */
export type Doc = PDFKit.PDFDocument;

/** Okabe-Ito: tells apart for colour-blind readers and survives a greyscale printer. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#8C6D00', '#000000'];
const INK = '#1b1f24';
const MUTED = '#57606a';
const RULE = '#c9d1d9';

/**
 * The standard PDF fonts only know Western European letters; a reason typed in Cyrillic, Greek or
 * Arabic script needs a real font. Use a Unicode font installed on the desk when there is one.
 */
const UNICODE_FONTS: { regular: string; bold: string }[] = [
  { regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf' },
  { regular: '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf', bold: '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf' },
  { regular: 'C:\\Windows\\Fonts\\arial.ttf', bold: 'C:\\Windows\\Fonts\\arialbd.ttf' },
  { regular: '/System/Library/Fonts/Supplemental/Arial.ttf', bold: '/System/Library/Fonts/Supplemental/Arial Bold.ttf' },
];

export function createDoc(info: { title: string; subject: string }): Doc {
  const doc = new PDFDocument({ size: 'A4', margin: 40, bufferPages: true, info: { Title: info.title, Subject: info.subject, Creator: 'Winback Console' } });
  const font = UNICODE_FONTS.find((f) => existsSync(f.regular) && existsSync(f.bold));
  doc.registerFont('body', font?.regular ?? 'Helvetica');
  doc.registerFont('bold', font?.bold ?? 'Helvetica-Bold');
  doc.font('body').fillColor(INK);
  return doc;
}

export function toBuffer(doc: Doc): Promise<Buffer> {
  ensureRoom(doc, 0);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

const left = (doc: Doc) => doc.page.margins.left;
const usableWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** A heading waiting for what it heads: drawn with it, so it never stands alone at a page's foot. */
const pendingHeadings = new WeakMap<Doc, { text: string; size: number }>();

function headingHeight(doc: Doc, h: { text: string; size: number }): number {
  doc.font('bold').fontSize(h.size);
  const height = doc.heightOfString(h.text, { width: usableWidth(doc) }) + doc.currentLineHeight() * 0.9;
  doc.font('body').fontSize(9);
  return height;
}

/**
 * Starts a new page unless `height` more points fit on this one. A heading waiting above is drawn
 * first, on whichever page takes both: every block (chart, table, paragraph) asks here first.
 */
export function ensureRoom(doc: Doc, height: number): void {
  const pending = pendingHeadings.get(doc);
  const above = pending ? headingHeight(doc, pending) : 0;
  if (doc.y + above + height > bottom(doc)) doc.addPage();
  if (pending) {
    pendingHeadings.delete(doc);
    doc.moveDown(0.6);
    doc.font('bold').fontSize(pending.size).fillColor(INK).text(pending.text, left(doc), doc.y, { width: usableWidth(doc) });
    doc.moveDown(0.3);
    doc.font('body').fontSize(9);
  }
}

/** A heading, kept with the first part of what follows it (its chart, its table's first rows, two lines). */
export function heading(doc: Doc, text: string, size = 14): void {
  ensureRoom(doc, 0);
  pendingHeadings.set(doc, { text, size });
}

export function paragraph(doc: Doc, text: string, color = INK, size = 9): void {
  // At least two lines under a heading (or the whole paragraph, when shorter).
  doc.font('body').fontSize(size);
  ensureRoom(doc, Math.min(doc.heightOfString(text, { width: usableWidth(doc) }), doc.currentLineHeight(true) * 2));
  doc.font('body').fontSize(size).fillColor(color).text(text, left(doc), doc.y, { width: usableWidth(doc) });
  doc.fillColor(INK);
}

export function note(doc: Doc, text: string): void {
  paragraph(doc, text, MUTED, 8);
}

export interface TableColumn<T> {
  header: string;
  /** Share of the usable width. */
  width: number;
  align?: 'left' | 'right';
  value: (row: T) => string;
}

/** A table that repeats its header on every page it spills onto. */
export function table<T>(doc: Doc, columns: readonly TableColumn<T>[], rows: readonly T[], empty = 'Nothing to show.'): void {
  const x0 = left(doc);
  const total = columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * usableWidth(doc));
  const pad = 3;
  const drawRow = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'bold' : 'body').fontSize(8);
    const height = Math.max(...cells.map((text, i) => doc.heightOfString(text, { width: (widths[i] ?? 0) - pad * 2 }))) + pad * 2;
    if (doc.y + height > bottom(doc)) {
      doc.addPage();
      if (!bold) drawRow(columns.map((c) => c.header), true);
    }
    const y = doc.y;
    let x = x0;
    doc.font(bold ? 'bold' : 'body').fontSize(8);
    cells.forEach((text, i) => {
      const w = widths[i] ?? 0;
      doc.fillColor(INK).text(text, x + pad, y + pad, { width: w - pad * 2, align: columns[i]?.align ?? 'left' });
      x += w;
    });
    doc.moveTo(x0, y + height).lineTo(x0 + usableWidth(doc), y + height).lineWidth(bold ? 0.8 : 0.3).strokeColor(RULE).stroke();
    doc.x = x0;
    doc.y = y + height;
  };
  ensureRoom(doc, 40);
  drawRow(columns.map((c) => c.header), true);
  if (rows.length === 0) {
    note(doc, empty);
    return;
  }
  for (const row of rows) drawRow(columns.map((c) => c.value(row)), false);
  doc.moveDown(0.5);
}

export interface Bar {
  label: string;
  value: number;
  /** Text written after the bar (the number as people read it). */
  text: string;
  /** A marker drawn on the bar's row, 0..1 of the axis (the Pareto curve). */
  marker?: number;
}

/** Horizontal bars, one per row, scaled to the largest value. */
export function barChart(doc: Doc, bars: readonly Bar[], options: { color?: string; markerLabel?: string } = {}): void {
  const rowHeight = 14;
  ensureRoom(doc, Math.min(bars.length, 12) * rowHeight + 30);
  const x0 = left(doc);
  const labelWidth = usableWidth(doc) * 0.36;
  const textWidth = 80;
  const barWidth = usableWidth(doc) - labelWidth - textWidth - 8;
  const max = Math.max(0, ...bars.map((b) => b.value));
  const color = options.color ?? PALETTE[0] ?? INK;
  let previousMarker: { x: number; y: number } | null = null;
  for (const b of bars) {
    ensureRoom(doc, rowHeight);
    const y = doc.y;
    doc.font('body').fontSize(8).fillColor(INK).text(b.label, x0, y + 2, { width: labelWidth - 6, height: rowHeight, ellipsis: true, lineBreak: false });
    const w = max > 0 ? (b.value / max) * barWidth : 0;
    doc.rect(x0 + labelWidth, y + 2, Math.max(w, 0.5), rowHeight - 4).fill(color);
    doc.fillColor(INK).text(b.text, x0 + labelWidth + barWidth + 6, y + 2, { width: textWidth, lineBreak: false });
    if (b.marker !== undefined) {
      const mx = x0 + labelWidth + b.marker * barWidth;
      const my = y + rowHeight / 2;
      doc.circle(mx, my, 2).fill(PALETTE[3] ?? INK);
      if (previousMarker) doc.moveTo(previousMarker.x, previousMarker.y).lineTo(mx, my).lineWidth(1).strokeColor(PALETTE[3] ?? INK).stroke();
      previousMarker = { x: mx, y: my };
    }
    doc.x = x0;
    doc.y = y + rowHeight;
  }
  if (options.markerLabel) note(doc, options.markerLabel);
  doc.moveDown(0.5);
}

/** Lines across periods, one per series, with a legend under the plot. */
export function lineChart(
  doc: Doc,
  periods: readonly string[],
  series: readonly { name: string; values: readonly number[] }[],
  formatValue: (v: number) => string,
): void {
  const height = 150;
  ensureRoom(doc, height + 30 + Math.ceil(series.length / 3) * 12);
  const x0 = left(doc) + 50;
  const y0 = doc.y + 6;
  const width = usableWidth(doc) - 60;
  // Round ticks (0, 250, 500…) up to the first one past the largest value.
  const scale = niceScale(Math.max(0, ...series.flatMap((s) => s.values)));
  const max = scale.max;
  doc.lineWidth(0.5).strokeColor(RULE);
  scale.ticks.forEach((tick) => {
    const y = y0 + height - (height * tick) / max;
    doc.moveTo(x0, y).lineTo(x0 + width, y).stroke();
    doc.font('body').fontSize(7).fillColor(MUTED).text(formatValue(tick), left(doc), y - 4, { width: 46, align: 'right', lineBreak: false });
  });
  const xAt = (i: number) => (periods.length <= 1 ? x0 + width / 2 : x0 + (width * i) / (periods.length - 1));
  periods.forEach((p, i) => {
    doc.font('body').fontSize(7).fillColor(MUTED).text(p, xAt(i) - 40, y0 + height + 4, { width: 80, align: 'center', lineBreak: false });
  });
  series.forEach((s, si) => {
    const color = PALETTE[si % PALETTE.length] ?? INK;
    s.values.forEach((v, i) => {
      const x = xAt(i);
      const y = y0 + height - (v / max) * height;
      if (i > 0) {
        const prev = s.values[i - 1] ?? 0;
        doc.moveTo(xAt(i - 1), y0 + height - (prev / max) * height).lineTo(x, y).lineWidth(1.5).strokeColor(color).stroke();
      }
      doc.circle(x, y, 2).fill(color);
    });
  });
  let lx = left(doc);
  let ly = y0 + height + 18;
  const legendWidth = usableWidth(doc) / 3;
  series.forEach((s, si) => {
    if (si > 0 && si % 3 === 0) {
      lx = left(doc);
      ly += 12;
    }
    doc.rect(lx, ly + 2, 8, 6).fill(PALETTE[si % PALETTE.length] ?? INK);
    doc.font('body').fontSize(7).fillColor(INK).text(s.name, lx + 12, ly, { width: legendWidth - 16, lineBreak: false, ellipsis: true });
    lx += legendWidth;
  });
  doc.x = left(doc);
  doc.y = ly + 16;
}

/** Page numbers and the report's name on every page, written once all pages exist. */
/** `line` says the footer in the report's language: the title and "page 2 of 5". */
export function footers(doc: Doc, line: (page: number, pages: number) => string): void {
  ensureRoom(doc, 0);
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would make pdfkit start a new page; lift the margin meanwhile.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('body').fontSize(7).fillColor(MUTED);
    doc.text(line(i + 1 - range.start, range.count), doc.page.margins.left, doc.page.height - margin + 12, {
      width: usableWidth(doc),
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = margin;
  }
}
