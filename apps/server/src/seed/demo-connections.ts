// In the embedded mode `npm start` runs the four platform simulators beside the API; the demo
// client gets a connection to each sandbox, and the scheduler syncs them, so the demo has actuals;
// a plan running now has its lines matched to the sandbox campaigns.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { clients, connections, users, memberships } from '../db/schema.js';
import { CredentialsCipher, sealContext } from '../connections/credentials-cipher.js';
import { DEMO } from './demo.js';
import { seedDemoLivePlan } from './demo-live-plan.js';

/** The simulators' documented sandbox logins (packages/simulators/README.md). */
const SANDBOX = [
  { platform: 'google_ads', name: 'Google Ads (sandbox)', accounts: [{ id: '1234567890', name: 'Sandbox Retail' }], credentials: { developerToken: 'sandbox-developer-token', clientId: 'sandbox-client', clientSecret: 'sandbox-secret', refreshToken: 'sandbox-google-refresh-token' } },
  { platform: 'meta', name: 'Meta (sandbox)', accounts: [{ id: '100000000000001', name: 'Sandbox Shop' }], credentials: { accessToken: 'sandbox-meta-token' } },
  { platform: 'yandex_direct', name: 'Яндекс Директ (песочница)', accounts: [{ id: 'sandbox-client-1' }], credentials: { token: 'sandbox-yandex-token' } },
  { platform: 'vk_ads', name: 'VK Реклама (песочница)', accounts: [{ id: '900001' }], credentials: { accessToken: 'sandbox-vk-token-1' } },
] as const;

/** Adds the sandbox connections to the demo client once; returns how many were added. */
export async function seedDemoConnections(db: Database, cipher: CredentialsCipher): Promise<number> {
  const [owner] = await db.run({ tenantId: null }, (tx) => tx.select({ userId: users.id }).from(users).where(eq(users.email, DEMO.email)));
  if (!owner) return 0;
  const [m] = await db.run({ tenantId: null, userId: owner.userId }, (tx) => tx.select({ tenantId: memberships.tenantId }).from(memberships).where(eq(memberships.userId, owner.userId)));
  if (!m) return 0;
  return db.run({ tenantId: m.tenantId, userId: owner.userId }, async (tx) => {
    if ((await tx.select({ id: connections.id }).from(connections).where(eq(connections.tenantId, m.tenantId)).limit(1)).length) return 0;
    const [client] = await tx.select({ id: clients.id }).from(clients).where(and(eq(clients.tenantId, m.tenantId))).limit(1);
    if (!client) return 0;
    for (const s of SANDBOX) {
      const id = randomUUID();
      const sealed = cipher.seal(s.credentials, sealContext(m.tenantId, id));
      await tx.insert(connections).values({
        id, tenantId: m.tenantId, clientId: client.id, platform: s.platform, name: s.name, accounts: [...s.accounts],
        credentials: sealed.blob, keyId: sealed.keyId, credentialFields: Object.keys(s.credentials).sort(),
      });
    }
    await seedDemoLivePlan(tx, { tenantId: m.tenantId, clientId: client.id });
    return SANDBOX.length;
  });
}
