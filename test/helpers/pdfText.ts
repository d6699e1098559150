import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The text of every page of a PDF, extracted the way a reader (or a screen reader) would. */
export async function pdfText(data: Uint8Array): Promise<{ pages: number; text: string; pageTexts: string[] }> {
  const task = getDocument({ data, useSystemFonts: false });
  const doc = await task.promise;
  const parts: string[] = [];
  for (let i = 1; i <= doc.numPages; i += 1) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    parts.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join(''));
  }
  const pages = doc.numPages;
  await task.destroy();
  return { pages, text: parts.join('\n'), pageTexts: parts };
}
