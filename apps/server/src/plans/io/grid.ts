// A spreadsheet file as rows of cells, whatever it came as: the plan import and the actuals upload
// read files the same way and differ only in what they make of the rows.
import ExcelJS from 'exceljs';
import { readCell, type CellRead } from './cells.js';
import { decodeUtf8, parseCsv } from './csv.js';

export interface GridRow {
  /** 1-based row of the sheet, as the planner sees it. */
  number: number;
  cells: CellRead[];
}

export interface CsvOptions {
  /**
   * Read bytes that are not UTF-8 as Windows-1251, which Excel in a Russian locale writes for
   * "CSV (comma delimited)"; otherwise such a file is refused with a hint.
   */
  windows1251?: boolean;
}

/** A cell's text as a header: trimmed, a date as yyyy-mm-dd, '' when empty. */
export const headerText = (c: CellRead | undefined) => {
  const v = c?.value;
  if (v === null || v === undefined) return '';
  return v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();
};

/** The rows of a CSV file, or why it cannot be read. */
export function gridFromCsv(bytes: Uint8Array, options: CsvOptions = {}): GridRow[] | string {
  const text = decodeUtf8(bytes) ?? (options.windows1251 ? new TextDecoder('windows-1251').decode(bytes) : null);
  if (text === null) return 'the file is not UTF-8 text: save it as "CSV UTF-8"';
  return parseCsv(text).map((fields, i) => ({ number: i + 1, cells: fields.map((f) => ({ value: f, formula: false })) }));
}

/** The rows of each visible sheet of a workbook, or why it cannot be read. */
export async function gridsFromXlsx(bytes: Uint8Array): Promise<GridRow[][] | string> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return 'the file is not a readable .xlsx workbook';
  }
  return wb.worksheets
    .filter((ws) => ws.state === 'visible' || ws.state === undefined)
    .map((ws) => {
      const rows: GridRow[] = [];
      const width = ws.columnCount;
      for (let r = 1; r <= ws.rowCount; r++) {
        const row = ws.getRow(r);
        rows.push({ number: r, cells: Array.from({ length: width }, (_, c) => readCell(row.getCell(c + 1).value)) });
      }
      return rows;
    });
}
