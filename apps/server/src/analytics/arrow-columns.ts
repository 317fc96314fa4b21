import { createRequire } from 'node:module';
import type { ColumnBatch } from './store.js';

/** One column in the shape chDB's Arrow C Data Interface binding takes: float64 (`g`) or UTF-8 (`u`). */
export interface ArrowColumn {
  name: string;
  format: 'g' | 'u';
  length: number;
  nullCount: 0;
  buffers: (Buffer | null)[];
}

interface ArrowHooks {
  _arrowRegisterColumns(connection: unknown, table: string, columns: ArrowColumn[]): void;
  _arrowUnregister(connection: unknown, table: string): void;
}

/**
 * chDB's binding for reading JS memory as a table (`arrowstream('name')`). It is not part of the
 * typed API yet, so it is looked up, and a chDB without it makes the caller fall back to text rows.
 */
export function arrowHooks(): ArrowHooks | null {
  const mod = createRequire(import.meta.url)('chdb') as Partial<ArrowHooks>;
  return typeof mod._arrowRegisterColumns === 'function' && typeof mod._arrowUnregister === 'function' ? (mod as ArrowHooks) : null;
}

/**
 * Safe integers travel as float64, which the engine converts exactly to any integer column. Anything
 * else travels as the text JSON would have carried (String(n) is JSON's number text), so a Decimal or
 * a date is parsed by the engine exactly as it parses JSONEachRow.
 */
export function arrowColumn(name: string, values: readonly (string | number)[], rows: number): ArrowColumn {
  let integers = true;
  for (let i = 0; i < rows; i++) {
    if (!Number.isSafeInteger(values[i])) {
      integers = false;
      break;
    }
  }
  if (integers) {
    const data = Float64Array.from(values.length === rows ? (values as number[]) : values.slice(0, rows) as number[]);
    return { name, format: 'g', length: rows, nullCount: 0, buffers: [null, Buffer.from(data.buffer, data.byteOffset, data.byteLength)] };
  }
  const offsets = new Int32Array(rows + 1);
  // One string for the column, so the native copy happens once; for ASCII, characters are bytes.
  let text = '';
  let at = 0;
  for (let i = 0; i < rows; i++) {
    const v = values[i];
    const s = typeof v === 'string' ? v : String(v);
    text += s;
    at += s.length;
    offsets[i + 1] = at;
  }
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length !== text.length) {
    at = 0;
    for (let i = 0; i < rows; i++) {
      at += Buffer.byteLength(String(values[i]), 'utf8');
      offsets[i + 1] = at;
    }
  }
  return { name, format: 'u', length: rows, nullCount: 0, buffers: [null, Buffer.from(offsets.buffer, offsets.byteOffset, offsets.byteLength), bytes] };
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The batch as Arrow columns plus the column list of its INSERT … SELECT (plain identifiers only). */
export function arrowBatch(batch: ColumnBatch): { columns: ArrowColumn[]; list: string } {
  for (const c of batch.columns) {
    if (!IDENTIFIER.test(c.name)) throw new Error(`not a column name: ${c.name}`);
    if (c.values.length < batch.rows) throw new Error(`column ${c.name} has ${c.values.length} values for ${batch.rows} rows`);
  }
  return {
    columns: batch.columns.map((c) => arrowColumn(c.name, c.values, batch.rows)),
    list: batch.columns.map((c) => `\`${c.name}\``).join(', '),
  };
}
