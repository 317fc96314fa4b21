import { getTableColumns, type Table } from 'drizzle-orm';

/**
 * Maps raw rows (keyed by column name, as a batch query returns them) to the table's typed shape,
 * applying each column's own decoding as drizzle would.
 */
export function rowMapper<T extends Table>(table: T): (row: Record<string, unknown>) => T['$inferSelect'] {
  const columns = Object.entries(getTableColumns(table)).map(([key, column]) => [key, column] as const);
  return (row) => {
    const out: Record<string, unknown> = {};
    for (const [key, column] of columns) {
      const value = row[column.name];
      out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return out as T['$inferSelect'];
  };
}
