// A table section in the PDF: widths from the columns' hints, numbers right-aligned, the header
// drawn again at the top of every page the table runs onto, the totals row kept in bold.
import type { ReportColumn, ReportTable } from '../document.js';
import { columnHeader, formatCell, isNumeric } from './format.js';
import { COLORS, FONT, type Page } from './pdf-page.js';

const SIZE = 8;
const PAD_X = 3;
const PAD_Y = 2.5;
// Long names wrap to three lines and are then cut with an ellipsis, so one row never fills a page.
const MAX_LINES = 3;
const MIN_SIZE = 5.5;
const MIN_TEXT_WIDTH = 50;

/**
 * Widths in proportion to the hints, except that a number or date column gets the width of its
 * widest value (up to 30 % of the table), taken from the text columns, which can wrap instead.
 */
function columnWidths(columns: ReportColumn[], total: number, least: number[]): number[] {
  const hints = columns.map((c) => (c.width && c.width > 0 ? c.width : c.kind === 'text' ? 3 : 1));
  const sum = hints.reduce((a, b) => a + b, 0);
  const widths = hints.map((h) => (total * h) / sum);
  const missing = widths.map((w, i) => Math.max(0, Math.min(least[i], total * 0.3) - w));
  const short = missing.reduce((a, b) => a + b, 0);
  const spareEach = columns.map((c, i) => (c.kind === 'text' ? Math.max(0, widths[i] - MIN_TEXT_WIDTH) : 0));
  const spare = spareEach.reduce((a, b) => a + b, 0);
  if (short <= 0 || spare <= 0) return widths;
  const moved = Math.min(short, spare);
  return widths.map((w, i) => w + (missing[i] * moved) / short - (spareEach[i] * moved) / spare);
}

interface Row {
  texts: string[];
  bold: boolean;
  /** The header wraps every label; body rows keep numbers and dates on one line. */
  header?: boolean;
}

export function drawTable(page: Page, table: ReportTable): void {
  const { doc, locale } = page;
  const { columns } = table;
  const numeric = columns.map((c) => isNumeric(c.kind));
  const oneLine = columns.map((c) => c.kind !== 'text');
  const lineHeight = doc.font(FONT.regular).fontSize(SIZE).currentLineHeight(true);
  const toRow = (values: ReportTable['rows'][number], bold: boolean): Row => ({ texts: columns.map((c) => formatCell(values[c.key] ?? null, c, locale)), bold });
  const rows = table.rows.map((r) => toRow(r, false));
  const totals = table.totals && toRow(table.totals, true);

  const least = columns.map((_, i) => {
    if (!oneLine[i]) return 0;
    let widest = Math.max(0, ...rows.map((r) => doc.widthOfString(r.texts[i])));
    if (totals) widest = Math.max(widest, doc.font(FONT.bold).widthOfString(totals.texts[i]));
    doc.font(FONT.regular);
    return widest + 2 * PAD_X + 1;
  });
  const widths = columnWidths(columns, page.width, least);
  const header: Row = { texts: columns.map(columnHeader), bold: true, header: true };
  // A header label is set smaller rather than broken inside a word.
  doc.font(FONT.bold);
  const headerSize = header.texts.map((label, i) => {
    const word = Math.max(...label.split(/\s+/).map((w) => doc.widthOfString(w)));
    return Math.max(MIN_SIZE, Math.min(SIZE, (SIZE * (widths[i] - 2 * PAD_X)) / word));
  });
  const sizeOf = (row: Row, i: number) => (row.header ? headerSize[i] : SIZE);

  const heightOf = (row: Row) => {
    doc.font(row.bold ? FONT.bold : FONT.regular);
    let h = lineHeight;
    row.texts.forEach((t, i) => {
      if (!t || (oneLine[i] && !row.header)) return;
      const width = widths[i] - 2 * PAD_X;
      doc.fontSize(sizeOf(row, i));
      if (t.includes('\n') || doc.widthOfString(t) > width) h = Math.max(h, Math.min(doc.heightOfString(t, { width }), lineHeight * MAX_LINES));
    });
    return h + 2 * PAD_Y;
  };

  const drawRow = (row: Row, height: number, fill?: string) => {
    const y = page.y;
    if (fill) doc.rect(page.left, y, page.width, height).fill(fill);
    doc.fillColor(COLORS.text).font(row.bold ? FONT.bold : FONT.regular);
    let x = page.left;
    row.texts.forEach((text, i) => {
      const inner = widths[i] - 2 * PAD_X;
      doc.fontSize(sizeOf(row, i));
      if (text && oneLine[i] && !row.header) {
        // A number or date is never wrapped; one still too wide for its column is set smaller.
        const natural = doc.widthOfString(text);
        if (natural > inner) doc.fontSize(Math.max(MIN_SIZE, (SIZE * inner) / natural));
        const offset = numeric[i] ? inner - Math.min(doc.widthOfString(text), inner) : 0;
        doc.text(text, x + PAD_X + offset, y + PAD_Y, { lineBreak: false });
      } else if (text) {
        const align = numeric[i] ? 'right' : 'left';
        doc.text(text, x + PAD_X, y + PAD_Y, { width: inner, height: height - 2 * PAD_Y + 0.1, ellipsis: '…', align });
      }
      x += widths[i];
    });
    page.y = y + height;
  };

  const rule = () => {
    doc.moveTo(page.left, page.y).lineTo(page.left + page.width, page.y).lineWidth(0.8).strokeColor(COLORS.strong).stroke();
  };
  const headerHeight = heightOf(header);
  const drawHeader = () => {
    drawRow(header, headerHeight, COLORS.headerFill);
    rule();
  };
  const place = (row: Row, fill?: string) => {
    const height = heightOf(row);
    if (page.y + height > page.bottom) {
      page.newPage();
      drawHeader();
    }
    if (row.bold) rule();
    drawRow(row, height, fill);
  };

  page.section(table.title, headerHeight + (rows.length ? heightOf(rows[0]) : 0));
  drawHeader();
  rows.forEach((row, i) => place(row, i % 2 === 1 ? COLORS.zebra : undefined));
  if (totals) place(totals, COLORS.totalsFill);
  rule();
  page.y += 14;
}
