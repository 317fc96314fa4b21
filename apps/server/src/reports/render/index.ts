// One entry point for every format, so a job or an endpoint asks for "the report as X" and does not
// need to know which library writes X.
import type { RenderedReport, ReportDocument } from '../document.js';
import { renderCsv } from './csv.js';
import { renderPdf } from './pdf.js';
import { renderXlsx } from './xlsx.js';

export type ReportFormat = RenderedReport['extension'];

const CONTENT_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export async function renderReport(doc: ReportDocument, format: ReportFormat): Promise<RenderedReport> {
  const body = format === 'pdf' ? await renderPdf(doc) : format === 'xlsx' ? await renderXlsx(doc) : renderCsv(doc);
  return { body, contentType: CONTENT_TYPES[format], extension: format };
}

export { renderCsv, renderPdf, renderXlsx };
export { columnHeader, currencySymbol, formatCell, formatDate, formatMoney, formatPlainCell, formatTimestamp } from './format.js';
