// A report as CSV that Excel opens straight into columns: UTF-8 with a BOM (else Excel guesses a
// code page and garbles Cyrillic), CRLF, RFC 4180 quoting, and the separator and decimal mark of
// the document's locale — Russian Excel splits on ';' and reads "1234,56" as a number.
import type { ReportCell, ReportColumn, ReportDocument, ReportSection } from '../document.js';
import { columnHeader, formatPlainCell } from './format.js';

const BOM = '\ufeff';
const CRLF = '\r\n';

function quote(value: string, delimiter: string): string {
  return value.includes(delimiter) || /["\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

// A text starting with = + - @ is run as a formula by spreadsheets; a leading apostrophe keeps it
// text (OWASP's advice for CSV exports). Phone numbers and signed amounts ("+7 495 …", "-5%") are
// no formula and stay as written; our own number columns are never guarded.
function guard(value: string, isText: boolean): string {
  if (!isText || !/^[=+\-@\t\r]/.test(value)) return value;
  return /^[+-][\d\s().,%\-]*$/.test(value) ? value : `'${value}`;
}

function sectionLines(section: ReportSection, doc: ReportDocument): string[][] {
  const out: string[][] = [];
  const text = (...values: string[]) => out.push(values.map((v) => guard(v, true)));
  if (section.kind !== 'signatures' && section.title) text(section.title);
  switch (section.kind) {
    case 'facts':
      for (const item of section.items) text(item.label, item.value);
      break;
    case 'text':
      for (const p of section.paragraphs) text(p);
      break;
    case 'signatures':
      for (const p of section.parties) text(p.role, p.name);
      break;
    case 'table': {
      const cells = (row: Record<string, ReportCell>, c: ReportColumn) => guard(formatPlainCell(row[c.key] ?? null, c, doc.locale), c.kind === 'text');
      text(...section.columns.map(columnHeader));
      for (const row of section.rows) out.push(section.columns.map((c) => cells(row, c)));
      const totals = section.totals;
      if (totals) out.push(section.columns.map((c) => cells(totals, c)));
      break;
    }
  }
  return out;
}

export function renderCsv(doc: ReportDocument): Buffer {
  const delimiter = doc.locale === 'ru' ? ';' : ',';
  const heading = [doc.title, ...(doc.subtitle ? [doc.subtitle] : [])];
  const blocks: string[][][] = [heading.map((line) => [guard(line, true)])];
  for (const section of doc.sections) blocks.push(sectionLines(section, doc));
  const text = blocks
    .filter((b) => b.length > 0)
    .map((block) => block.map((line) => line.map((v) => quote(v, delimiter)).join(delimiter)).join(CRLF))
    .join(CRLF + CRLF);
  return Buffer.from(BOM + text + CRLF, 'utf8');
}
