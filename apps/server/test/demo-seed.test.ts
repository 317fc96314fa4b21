import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The first README command seeds this; a newcomer's first screen is this plan in the editor.
describe('the demo workspace', () => {
  it('has a draft plan of 30 lines whose costs are rate × units and add up to a believable campaign, seeded once', async () => {
    const { EmbeddedDatabase } = await import('../dist/db/pglite.js');
    const { migrateEmbedded } = await import('../dist/db/migrate.js');
    const { seedDemo } = await import('../dist/seed/demo.js');
    const { costFromUnits } = await import('@mrm/planning');
    const dir = mkdtempSync(join(tmpdir(), 'mrm-demo-'));
    const db = await EmbeddedDatabase.open(dir);
    try {
      await migrateEmbedded(db);
      await seedDemo(db);
      await seedDemo(db);
      const plans = (await db.client.query<{ name: string; status: string; n: number; net: string }>(
        `select p.name, p.status, count(l.id)::int as n, sum(l.cost_total)::text as net
           from media_plans p join line_items l on l.plan_id = p.id group by p.id`,
      )).rows;
      expect(plans).toHaveLength(1);
      expect(plans[0]).toMatchObject({ name: 'Медиаплан «Весна 2027»', status: 'draft', n: 30 });
      expect(Number(plans[0].net)).toBeGreaterThan(12_000_000);
      expect(Number(plans[0].net)).toBeLessThan(15_000_000);
      const lines = (await db.client.query<{ channel: string; pricing_model: string; rate: string; planned_units: string | null; cost_total: string }>('select channel, pricing_model, rate::text, planned_units::text, cost_total::text from line_items')).rows;
      expect(new Set(lines.map((l) => l.channel))).toEqual(new Set(['Digital', 'TV', 'Radio', 'OOH']));
      for (const l of lines) expect(l.cost_total).toBe(costFromUnits(l.pricing_model as 'cpm', l.rate, l.planned_units ?? '0'));
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
