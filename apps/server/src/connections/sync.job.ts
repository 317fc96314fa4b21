// A connection's sync: every account's daily rows for the window (the days since the last sync
// plus the platform's re-read window, whose numbers are still provisional) go to the analytics
// store through the batched writer. Re-reading replaces rows, so a retried or repeated sync never
// doubles a number. The run row says how far it got, and why it stopped.
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { connections, syncRuns } from '../db/schema.js';
import { InvalidStatRowError, type StatsWriter } from '../analytics/stats-writer.js';
import { addDays, isConnectorError, rereadRange, todayUtc, type Connector, type ConnectorCredentials, type DailyStat, type IssuedToken, type Platform } from '../connectors/index.js';
import { JOBS } from '../jobs/catalogue.js';
import { PermanentJobError } from '../jobs/errors.js';
import type { JobHandler } from '../jobs/handlers.js';
import { campaignsOf, recordCampaigns, type SeenCampaign } from '../campaigns/campaigns.repository.js';
import { sealContext, type CredentialsCipher } from './credentials-cipher.js';

/** On a connection's first sync, how far back it reads. */
const FIRST_SYNC_DAYS = 90;

export interface SyncDeps {
  db: Database;
  writer: StatsWriter;
  cipher: CredentialsCipher;
  connectors: Record<Platform, Connector>;
}

/** The stored credential fields as the platform's connector reads them. */
export function connectorCredentials(platform: Platform, stored: Record<string, string>): ConnectorCredentials {
  if (platform === 'yandex_direct') return { accessToken: stored.token, agency: Boolean(stored.clientLogin) };
  return { ...stored };
}

export function connectionSync(deps: SyncDeps): JobHandler<'connection.sync'> {
  const { db, writer } = deps;
  return {
    name: 'connection.sync',
    async run({ tenantId, connectionId, runId }, { attempt }) {
      const [conn, run] = await db.run({ tenantId }, async (tx) => [
        (await tx.select().from(connections).where(and(eq(connections.tenantId, tenantId), eq(connections.id, connectionId))))[0],
        (await tx.select().from(syncRuns).where(and(eq(syncRuns.tenantId, tenantId), eq(syncRuns.id, runId))))[0],
      ] as const);
      if (!conn || !run) throw new PermanentJobError(`connection ${connectionId} or its run ${runId} is gone`);
      if (run.status === 'succeeded') return;
      const platform = conn.platform as Platform;
      const today = todayUtc();
      const range = rereadRange(platform, conn.syncedTo, { today, initialFrom: addDays(today, -(FIRST_SYNC_DAYS - 1)) });
      const setRun = (patch: Partial<typeof syncRuns.$inferInsert>) =>
        db.run({ tenantId }, (tx) => tx.update(syncRuns).set(patch).where(and(eq(syncRuns.tenantId, tenantId), eq(syncRuns.id, runId))));
      await setRun({ status: 'running', startedAt: sql`now()` as never, fromDate: range.from, toDate: range.to, accountsTotal: conn.accounts.length, accountsDone: 0, rows: 0, attempts: attempt, error: null, errorKind: null });

      const stored = deps.cipher.open<Record<string, string>>({ keyId: conn.keyId, blob: conn.credentials }, sealContext(tenantId, connectionId));
      const creds = connectorCredentials(platform, stored);
      // A token the platform issued during the sync is stored with the connection, so the next
      // sync (in any worker) starts from it instead of refreshing again, and a rotated refresh
      // token is not lost.
      let issued: IssuedToken | undefined;
      const saveToken = async () => {
        if (!issued) return;
        const next = { ...stored, accessToken: issued.accessToken, ...(issued.refreshToken ? { refreshToken: issued.refreshToken } : {}) };
        issued = undefined;
        const sealed = deps.cipher.seal(next, sealContext(tenantId, connectionId));
        await db.run({ tenantId }, (tx) => tx.update(connections).set({ credentials: sealed.blob, keyId: sealed.keyId }).where(and(eq(connections.tenantId, tenantId), eq(connections.id, connectionId))));
        Object.assign(stored, next);
      };
      const onToken = (t: IssuedToken) => void (issued = t);
      let rows = 0;
      // Each batch folds to its campaigns' first and last day, so a long window keeps little in memory.
      const seen: SeenCampaign[] = [];
      try {
        for (const [i, account] of conn.accounts.entries()) {
          for await (const batch of deps.connectors[platform].fetchDaily(creds, account.id, range, { onToken })) {
            await writer.write(batch.map((s) => toRow(s, tenantId, conn.clientId, connectionId, platform)));
            rows += batch.length;
            for (const c of campaignsOf(batch.map((s) => ({ platform, accountId: s.accountId, campaignId: s.campaignId, name: s.campaignName, date: s.date }))).values()) {
              seen.push({ ...c, date: c.firstDate, name: '' }, { ...c, date: c.lastDate });
            }
          }
          await saveToken();
          await setRun({ accountsDone: i + 1, rows });
        }
        await writer.flush();
      } catch (err) {
        // The token is worth keeping even from a failed sync; if storing it fails too, the run
        // reports the sync's own error, which is what the user needs to act on.
        await saveToken().catch(() => undefined);
        // A row the store refuses will be refused again: as final as rejected credentials.
        const permanent = isConnectorError(err) ? err.permanent : err instanceof InvalidStatRowError;
        const last = permanent || attempt >= JOBS['connection.sync'].attempts;
        await setRun({ status: last ? 'failed' : 'retrying', error: (err as Error).message, errorKind: isConnectorError(err) ? err.kind : err instanceof InvalidStatRowError ? 'bad_data' : 'internal', rows, ...(last ? { finishedAt: sql`now()` as never } : {}) });
        if (permanent) throw new PermanentJobError((err as Error).message);
        throw err;
      }
      await db.run({ tenantId }, async (tx) => {
        await tx.update(syncRuns).set({ status: 'succeeded', rows, finishedAt: sql`now()` }).where(and(eq(syncRuns.tenantId, tenantId), eq(syncRuns.id, runId)));
        await tx.update(connections).set({ lastSyncAt: sql`now()`, syncedTo: range.to }).where(and(eq(connections.tenantId, tenantId), eq(connections.id, connectionId)));
        await recordCampaigns(tx, tenantId, conn.clientId, connectionId, seen);
      });
    },
  };
}

function toRow(s: DailyStat, tenantId: string, clientId: string, connectionId: string, platform: Platform) {
  return {
    tenantId, clientId, connectionId, platform,
    accountId: s.accountId, campaignId: s.campaignId, adGroupId: s.adGroupId, date: s.date,
    impressions: s.impressions, clicks: s.clicks, costMicros: Number(s.costMicros), conversions: s.conversions,
    videoViews: s.videoViews, ...(s.revenueMicros !== undefined ? { revenueMicros: Number(s.revenueMicros) } : {}), currency: s.currency,
  };
}
