// The catalogue of platform campaigns a client's actuals have named. Syncs and uploads both feed
// it, so matching sees every campaign whatever way its numbers arrived.
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { platformCampaigns } from '../db/schema.js';

export interface SeenCampaign {
  platform: string;
  accountId: string;
  campaignId: string;
  /** The platform's name for it; '' when the source did not say. */
  name?: string;
  date: string;
}

/** Folds rows into one entry per campaign with the date range they cover and the last name given. */
export function campaignsOf(rows: Iterable<SeenCampaign>): Map<string, Required<Omit<SeenCampaign, 'date'>> & { firstDate: string; lastDate: string }> {
  const out = new Map<string, Required<Omit<SeenCampaign, 'date'>> & { firstDate: string; lastDate: string }>();
  for (const r of rows) {
    const key = `${r.platform}\u0000${r.accountId}\u0000${r.campaignId}`;
    const c = out.get(key);
    if (!c) {
      out.set(key, { platform: r.platform, accountId: r.accountId, campaignId: r.campaignId, name: r.name ?? '', firstDate: r.date, lastDate: r.date });
      continue;
    }
    if (r.date < c.firstDate) c.firstDate = r.date;
    if (r.date >= c.lastDate) {
      c.lastDate = r.date;
      if (r.name) c.name = r.name;
    } else if (!c.name && r.name) c.name = r.name;
  }
  return out;
}

/**
 * Records the campaigns seen by one source (a connection or an upload) for a client. A known
 * campaign widens its date range and takes the newer name; an empty name never erases one.
 */
export async function recordCampaigns(tx: Tx, tenantId: string, clientId: string, sourceId: string, rows: Iterable<SeenCampaign>): Promise<number> {
  const seen = [...campaignsOf(rows).values()];
  for (let i = 0; i < seen.length; i += 500) {
    await tx.insert(platformCampaigns)
      .values(seen.slice(i, i + 500).map((c) => ({ tenantId, clientId, sourceId, ...c })))
      .onConflictDoUpdate({
        target: [platformCampaigns.tenantId, platformCampaigns.platform, platformCampaigns.accountId, platformCampaigns.campaignId],
        set: {
          clientId: sql`excluded.client_id`,
          sourceId: sql`excluded.source_id`,
          name: sql`case when excluded.name <> '' and excluded.last_date >= ${platformCampaigns.lastDate} then excluded.name when ${platformCampaigns.name} = '' then excluded.name else ${platformCampaigns.name} end`,
          firstDate: sql`least(${platformCampaigns.firstDate}, excluded.first_date)`,
          lastDate: sql`greatest(${platformCampaigns.lastDate}, excluded.last_date)`,
          updatedAt: sql`now()`,
        },
      });
  }
  return seen.length;
}
