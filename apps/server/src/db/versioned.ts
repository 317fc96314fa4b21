import { and, eq, sql } from 'drizzle-orm';
import type { clients, projects } from './schema.js';
import type { Tx } from './database.js';

/** Tenant-owned tables edited under optimistic concurrency (a version column behind the ETag). */
type Versioned = typeof clients | typeof projects;

/** get / insert / update-if-unchanged for a versioned table; every call takes the tenant. */
export function versionedRows<T extends Versioned>(table: T) {
  type Row = T['$inferSelect'];
  type Insert = T['$inferInsert'];
  // The union of table types defeats drizzle's overloads; each call is typed by its signature here.
  const t = table as typeof clients;
  return {
    async get(tx: Tx, tenantId: string, id: string): Promise<Row | undefined> {
      const [row] = await tx.select().from(t).where(and(eq(t.tenantId, tenantId), eq(t.id, id)));
      return row as Row | undefined;
    },

    async insert(tx: Tx, row: Insert): Promise<Row> {
      const [created] = await tx.insert(t).values(row as typeof clients.$inferInsert).returning();
      return created as Row;
    },

    /** Applies the patch only if nobody changed the row since `version`; undefined otherwise. */
    async update(tx: Tx, tenantId: string, id: string, version: number, patch: Partial<Insert>): Promise<Row | undefined> {
      const [row] = await tx
        .update(t)
        .set({ ...(patch as Partial<typeof clients.$inferInsert>), version: sql`${t.version} + 1`, updatedAt: sql`now()` })
        .where(and(eq(t.tenantId, tenantId), eq(t.id, id), eq(t.version, version)))
        .returning();
      return row as Row | undefined;
    },
  };
}
