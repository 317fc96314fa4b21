import { eq, ilike, sql } from 'drizzle-orm';
import { listing } from '../db/listing.js';
import { versionedRows } from '../db/versioned.js';
import { projects } from '../db/schema.js';
import { escapeLike } from '../clients/clients.repository.js';

export type ProjectRow = typeof projects.$inferSelect;

// start_date is nullable: undated projects sort as if dated at the dawn of time, so keysets stay total.
const startDate = sql`coalesce(${projects.startDate}, '0001-01-01'::date)`;
const list = listing(projects, {
  name: { expr: projects.name, kind: 'text', value: (r) => r.name },
  createdAt: { expr: projects.createdAt, kind: 'timestamp', value: (r) => r.createdAt },
  startDate: { expr: startDate, kind: 'date', value: (r) => r.startDate ?? '0001-01-01' },
});

export const projectsRepository = {
  listQuery(tenantId: string, opts: { status?: string; clientId?: string; q?: string; sort: string; limit: number; cursor?: string }) {
    return list(
      [
        eq(projects.tenantId, tenantId),
        opts.status ? eq(projects.status, opts.status) : undefined,
        opts.clientId ? eq(projects.clientId, opts.clientId) : undefined,
        opts.q ? ilike(projects.name, escapeLike(opts.q)) : undefined,
      ],
      opts,
    );
  },

  ...versionedRows(projects),
};
