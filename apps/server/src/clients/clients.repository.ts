import { eq, ilike } from 'drizzle-orm';
import { listing } from '../db/listing.js';
import { versionedRows } from '../db/versioned.js';
import { clients } from '../db/schema.js';

export type ClientRow = typeof clients.$inferSelect;
export type ClientSort = 'name' | '-name' | 'createdAt' | '-createdAt' | 'updatedAt' | '-updatedAt';

const list = listing(clients, {
  name: { expr: clients.name, kind: 'text', value: (r) => r.name },
  createdAt: { expr: clients.createdAt, kind: 'timestamp', value: (r) => r.createdAt },
  updatedAt: { expr: clients.updatedAt, kind: 'timestamp', value: (r) => r.updatedAt },
});

/** A search term as a LIKE pattern that matches its wildcards literally. */
export const escapeLike = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

// Every function takes the tenant: RLS backs it, but no query here relies on RLS alone.
export const clientsRepository = {
  listQuery(tenantId: string, opts: { status?: string; q?: string; sort: ClientSort; limit: number; cursor?: string }) {
    return list([eq(clients.tenantId, tenantId), opts.status ? eq(clients.status, opts.status) : undefined, opts.q ? ilike(clients.name, escapeLike(opts.q)) : undefined], opts);
  },

  ...versionedRows(clients),
};
