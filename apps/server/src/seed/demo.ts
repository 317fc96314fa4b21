import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { audit } from '../audit/audit.service.js';
import { slugify } from '../auth/auth.service.js';
import { hashPassword } from '../auth/secrets.js';
import type { Database } from '../db/database.js';
import { clients, memberships, projects, tenants, users } from '../db/schema.js';
import { seedDemoPlan } from './demo-plan.js';

export const DEMO = { email: 'demo@mrm.local', password: 'demo-password', tenantName: 'Demo Agency' };

/** A first screen that is not empty: one agency, its owner, a client, a campaign and its plan. Runs once. */
export async function seedDemo(db: Database): Promise<typeof DEMO> {
  const [existing] = await db.run({ tenantId: null }, (tx) => tx.select({ id: users.id }).from(users).where(eq(users.email, DEMO.email)));
  if (existing) return DEMO;
  const tenantId = randomUUID();
  const userId = randomUUID();
  const clientId = randomUUID();
  const passwordHash = await hashPassword(DEMO.password);
  await db.run({ tenantId, userId }, async (tx) => {
    await tx.insert(tenants).values({ id: tenantId, name: DEMO.tenantName, slug: slugify(DEMO.tenantName) });
    await tx.insert(users).values({ id: userId, email: DEMO.email, name: 'Demo Planner', passwordHash });
    await tx.insert(memberships).values({ tenantId, userId, role: 'owner' });
    await tx.insert(clients).values({ id: clientId, tenantId, name: 'ООО «Ромашка»', legalName: 'Общество с ограниченной ответственностью «Ромашка»', taxId: '7701234567', industry: 'FMCG' });
    const projectId = randomUUID();
    await tx.insert(projects).values({ id: projectId, tenantId, clientId, name: 'Весенняя кампания 2027', objective: 'awareness', budget: '12500000.00', currency: 'RUB', startDate: '2027-03-01', endDate: '2027-05-31', status: 'planned' });
    await seedDemoPlan(tx, { tenantId, clientId, projectId, userId });
    await audit(tx, { tenantId, actorType: 'system', actorId: null, requestId: null }, { action: 'demo.seed', entityType: 'tenant', entityId: tenantId });
  });
  return DEMO;
}
