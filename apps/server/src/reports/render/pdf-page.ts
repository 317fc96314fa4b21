// The page the PDF sections are laid onto: where the next thing goes, when a page is full, and the
// fonts and colours every section shares.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ReportLocale } from '../document.js';

export const FONT = { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold' } as const;

export const COLORS = {
  text: '#1f2933',
  muted: '#616e7c',
  rule: '#cbd2d9',
  strong: '#3e4c59',
  accent: '#1f4e79',
  headerFill: '#e4ebf2',
  zebra: '#f5f7fa',
  totalsFill: '#e4ebf2',
} as const;

let fonts: Record<keyof typeof FONT, Buffer> | undefined;

/**
 * DejaVu Sans covers Cyrillic, ё, №, «» and ₽, which the PDF standard fonts do not. The files are
 * found through the package, so the same code works from src/ under tests and from dist/.
 */
export function fontFiles(): Record<keyof typeof FONT, Buffer> {
  if (!fonts) {
    const require = createRequire(import.meta.url);
    const read = (file: string) => readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`));
    fonts = { regular: read('DejaVuSans.ttf'), bold: read('DejaVuSans-Bold.ttf') };
  }
  return fonts;
}

export class Page {
  y: number;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly locale: ReportLocale,
  ) {
    this.y = doc.page.margins.top;
  }

  get left(): number {
    return this.doc.page.margins.left;
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = this.doc.page.margins.top;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensure(height: number): void {
    if (this.y + height > this.bottom && this.y > this.doc.page.margins.top) this.newPage();
  }

  /** A section's title, kept on one page with the first `keepWith` points of what follows it. */
  section(title: string | undefined, keepWith: number): void {
    const doc = this.doc;
    if (!title) return this.ensure(keepWith);
    doc.font(FONT.bold).fontSize(10.5);
    const height = doc.heightOfString(title, { width: this.width });
    this.ensure(height + 5 + keepWith);
    doc.fillColor(COLORS.accent).text(title, this.left, this.y, { width: this.width });
    this.y += height + 5;
  }
}
