// A report as an A4 PDF a client can be sent: title, the facts as label/value pairs, tables, text,
// signature blocks, and a footer with the time it was made and "page N of M" on every page.
import PDFDocument from 'pdfkit';
import type { ReportDocument, ReportFacts, ReportLocale, ReportSignatures, ReportText } from '../document.js';
import { formatTimestamp } from './format.js';
import { COLORS, FONT, Page, fontFiles } from './pdf-page.js';
import { drawTable } from './pdf-table.js';

const MARGIN = 40;
// The footer sits inside the bottom margin, so flowing text never runs into it.
const MARGIN_BOTTOM = 52;

const WORDS: Record<ReportLocale, { page: (n: number, m: number) => string; generated: string; signature: string; date: string; seal?: string }> = {
  ru: {
    page: (n, m) => `Стр. ${n} из ${m}`,
    generated: 'Сформировано',
    signature: 'подпись / расшифровка',
    date: 'Дата: «____» _______________ 20___ г.',
    seal: 'М.П.',
  },
  en: { page: (n, m) => `Page ${n} of ${m}`, generated: 'Generated', signature: 'signature / name', date: 'Date: ____________________' },
};

export async function renderPdf(report: ReportDocument): Promise<Buffer> {
  const files = fontFiles();
  const doc = new PDFDocument({
    size: 'A4',
    layout: report.orientation ?? 'portrait',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN_BOTTOM },
    bufferPages: true,
    info: { Title: report.title, Subject: report.subtitle ?? '', CreationDate: report.generatedAt },
    lang: report.locale,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont(FONT.regular, files.regular);
  doc.registerFont(FONT.bold, files.bold);

  const page = new Page(doc, report.locale);
  drawTitle(page, report);
  for (const section of report.sections) {
    if (section.kind === 'table') drawTable(page, section);
    else if (section.kind === 'facts') drawFacts(page, section);
    else if (section.kind === 'text') drawText(page, section);
    else drawSignatures(page, section);
  }
  drawFooters(doc, report);
  doc.end();
  return done;
}

function drawTitle(page: Page, report: ReportDocument): void {
  const { doc } = page;
  doc.font(FONT.bold).fontSize(16).fillColor(COLORS.text);
  doc.text(report.title, page.left, page.y, { width: page.width });
  page.y = doc.y + 2;
  if (report.subtitle) {
    doc.font(FONT.regular).fontSize(10).fillColor(COLORS.muted);
    doc.text(report.subtitle, page.left, page.y, { width: page.width });
    page.y = doc.y;
  }
  page.y += 6;
  doc.moveTo(page.left, page.y).lineTo(page.left + page.width, page.y).lineWidth(1.2).strokeColor(COLORS.accent).stroke();
  page.y += 14;
}

function drawFacts(page: Page, facts: ReportFacts): void {
  const { doc } = page;
  doc.font(FONT.regular).fontSize(9);
  const labelWidth = Math.min(page.width * 0.38, Math.max(...facts.items.map((i) => doc.widthOfString(i.label)), 40) + 14);
  const valueWidth = page.width - labelWidth;
  const heights = facts.items.map((i) => Math.max(doc.heightOfString(i.label, { width: labelWidth - 14 }), doc.heightOfString(i.value || ' ', { width: valueWidth })));
  page.section(facts.title, heights[0] ?? 0);
  facts.items.forEach((item, i) => {
    page.ensure(heights[i]);
    doc.font(FONT.regular).fontSize(9).fillColor(COLORS.muted).text(item.label, page.left, page.y, { width: labelWidth - 14 });
    doc.fillColor(COLORS.text).text(item.value, page.left + labelWidth, page.y, { width: valueWidth });
    page.y += heights[i] + 3;
  });
  page.y += 11;
}

function drawText(page: Page, text: ReportText): void {
  const { doc } = page;
  doc.font(FONT.regular).fontSize(9);
  page.section(text.title, doc.currentLineHeight(true) * 2);
  for (const paragraph of text.paragraphs) {
    page.ensure(doc.currentLineHeight(true) * 2);
    // pdfkit carries a long paragraph over to new pages itself, keeping clear of the footer.
    doc.font(FONT.regular).fontSize(9).fillColor(COLORS.text).text(paragraph, page.left, page.y, { width: page.width, align: 'justify' });
    page.y = doc.y + 5;
  }
  page.y += 9;
}

function drawSignatures(page: Page, signatures: ReportSignatures): void {
  const { doc } = page;
  const words = WORDS[page.locale];
  const gap = 30;
  const width = (page.width - gap) / 2;
  for (let i = 0; i < signatures.parties.length; i += 2) {
    const pair = signatures.parties.slice(i, i + 2);
    doc.font(FONT.regular).fontSize(9);
    const nameHeight = Math.max(...pair.map((p) => doc.heightOfString(p.name, { width })));
    // A signature block is never split over two pages.
    page.ensure(nameHeight + 100);
    const top = page.y;
    pair.forEach((party, j) => {
      const x = page.left + j * (width + gap);
      let y = top;
      doc.font(FONT.bold).fontSize(9.5).fillColor(COLORS.text).text(party.role, x, y, { width });
      y = doc.y + 2;
      doc.font(FONT.regular).fontSize(9).text(party.name, x, y, { width });
      y += nameHeight + 28;
      doc.moveTo(x, y).lineTo(x + width * 0.8, y).lineWidth(0.6).strokeColor(COLORS.strong).stroke();
      doc.fontSize(7).fillColor(COLORS.muted).text(words.signature, x, y + 2, { width: width * 0.8, align: 'center' });
      y += 18;
      doc.fontSize(9).fillColor(COLORS.text).text(words.date, x, y, { width });
      if (words.seal) doc.text(words.seal, x, doc.y + 8, { width });
    });
    page.y = top + nameHeight + 110;
  }
}

function drawFooters(doc: PDFKit.PDFDocument, report: ReportDocument): void {
  const words = WORDS[report.locale];
  const range = doc.bufferedPageRange();
  const stamp = `${words.generated} ${formatTimestamp(report.generatedAt, report.locale)}`;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { width, height } = doc.page;
    // Writing inside the bottom margin would otherwise make pdfkit start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = height - MARGIN_BOTTOM + 18;
    doc.moveTo(MARGIN, y - 5).lineTo(width - MARGIN, y - 5).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
    doc.font(FONT.regular).fontSize(7.5).fillColor(COLORS.muted);
    const right = words.page(i - range.start + 1, range.count);
    const rightWidth = doc.widthOfString(right);
    const left = fit(doc, `${stamp} · ${report.title}`, width - 2 * MARGIN - rightWidth - 20);
    doc.text(left, MARGIN, y, { lineBreak: false });
    doc.text(right, width - MARGIN - rightWidth, y, { lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

/** Cuts text with an ellipsis to fit `width` at the current font. */
function fit(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let end = text.length;
  while (end > 1 && doc.widthOfString(`${text.slice(0, end)}…`) > width) end--;
  return `${text.slice(0, end)}…`;
}
