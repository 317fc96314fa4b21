// What a report says, apart from how it is laid out: the builders (one per report type) fill it
// from the plan and the actuals, and each renderer (PDF, XLSX, CSV) lays it out in its format.

export type ReportLocale = 'ru' | 'en';

/** How a column's values are written: money and rates keep their currency and decimals. */
export type ColumnKind = 'text' | 'date' | 'integer' | 'money' | 'decimal' | 'percent';

export interface ReportColumn {
  key: string;
  label: string;
  kind: ColumnKind;
  /** For money columns: ISO 4217 code shown with the amounts (RUB → ₽). */
  currency?: string;
  /** Relative width hint for PDF and XLSX (1 = a narrow number column). */
  width?: number;
}

/**
 * A cell: text for text and date columns (dates as YYYY-MM-DD), a number (or a decimal string for
 * money, so no float touches it) for the rest; null is an empty cell. Percent values are fractions
 * (0.25 = 25 %).
 */
export type ReportCell = string | number | null;

export interface ReportTable {
  kind: 'table';
  title?: string;
  columns: ReportColumn[];
  rows: Array<Record<string, ReportCell>>;
  /** A totals row under the table; keys as in the rows, the label goes in the first column. */
  totals?: Record<string, ReportCell>;
}

/** Label/value pairs: the header of a report (client, plan, period) or an order's parties. */
export interface ReportFacts {
  kind: 'facts';
  title?: string;
  items: Array<{ label: string; value: string }>;
}

export interface ReportText {
  kind: 'text';
  title?: string;
  paragraphs: string[];
}

/** Signature blocks at the end of an insertion order: one per party. */
export interface ReportSignatures {
  kind: 'signatures';
  parties: Array<{ role: string; name: string }>;
}

export type ReportSection = ReportTable | ReportFacts | ReportText | ReportSignatures;

export interface ReportDocument {
  locale: ReportLocale;
  title: string;
  subtitle?: string;
  /** Shown in the footer of every page / the first rows of a sheet. */
  generatedAt: Date;
  /** The sheet / file name stem, e.g. "План-факт — Весна 2026". */
  fileStem: string;
  /** PDF page orientation: wide tables want landscape. */
  orientation?: 'portrait' | 'landscape';
  sections: ReportSection[];
}

export interface RenderedReport {
  body: Buffer;
  contentType: string;
  extension: 'pdf' | 'xlsx' | 'csv';
}
