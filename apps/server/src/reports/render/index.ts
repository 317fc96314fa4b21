// placeholder until the renderers land (not committed)
import type { RenderedReport, ReportDocument } from '../document.js';
export async function renderReport(doc: ReportDocument, format: 'pdf' | 'xlsx' | 'csv'): Promise<RenderedReport> {
  const lines = [doc.title];
  for (const s of doc.sections) if (s.kind === 'table') for (const r of s.rows) lines.push(Object.values(r).join(';'));
  return { body: Buffer.from('\ufeff' + lines.join('\r\n')), contentType: 'text/csv', extension: format };
}
