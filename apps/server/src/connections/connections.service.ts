import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { PLATFORM_CREDENTIALS, type CreateConnectionInput, type Platform } from '@mrm/contracts';
import { actorOf, audit } from '../audit/audit.service.js';
import type { RequestContext } from '../common/context.js';
import { requireIfMatch } from '../common/http.js';
import { notFound, ProblemException } from '../common/problem.js';
import { CONFIG, type Config } from '../config/config.js';
import type { Tx } from '../db/database.js';
import { clients, connections, syncRuns } from '../db/schema.js';
import { enqueue } from '../jobs/outbox.js';
import { DailyStatsRepository } from '../analytics/stats.repository.js';
import { connectors, isConnectorError } from '../connectors/index.js';
import { connectorCredentials } from './sync.job.js';
import { Tenancy, type Access } from '../tenancy/tenancy.service.js';
import { CredentialsCipher, sealContext } from './credentials-cipher.js';
import { toConnection, toSyncRun, type ConnectionRow, type UpdateConnectionDto } from './connections.schema.js';

@Injectable()
export class ConnectionsService {
  private readonly cipher: CredentialsCipher;

  constructor(private readonly tenancy: Tenancy, @Inject(CONFIG) config: Config, private readonly stats: DailyStatsRepository) {
    this.cipher = CredentialsCipher.fromConfig(config);
  }

  list(ctx: RequestContext, clientId?: string) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const rows = await tx
        .select()
        .from(connections)
        .where(and(eq(connections.tenantId, access.tenantId), clientId ? eq(connections.clientId, clientId) : undefined))
        .orderBy(asc(connections.name), asc(connections.id));
      return { items: rows.map(toConnection) };
    });
  }

  get(ctx: RequestContext, id: string) {
    return this.tenancy.run(ctx, async (tx, access) => toConnection(await mustGet(tx, access, id)));
  }

  create(ctx: RequestContext, body: CreateConnectionInput) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const [client] = await tx.select({ id: clients.id }).from(clients).where(and(eq(clients.tenantId, access.tenantId), eq(clients.id, body.clientId)));
      if (!client) throw new ProblemException(400, 'validation', 'clientId: no such client', [{ field: 'clientId', message: 'no such client in this workspace' }]);
      const id = randomUUID();
      const sealed = this.cipher.seal(body.credentials, sealContext(access.tenantId, id));
      const [row] = await tx
        .insert(connections)
        .values({
          id, tenantId: access.tenantId, clientId: body.clientId, platform: body.platform, name: body.name, accounts: body.accounts,
          credentials: sealed.blob, keyId: sealed.keyId, credentialFields: Object.keys(body.credentials).sort(), scheduleMinutes: body.scheduleMinutes,
        })
        .returning();
      const out = toConnection(row);
      await audit(tx, actorOf(access), { action: 'connection.create', entityType: 'connection', entityId: id, after: out });
      return out;
    });
  }

  update(ctx: RequestContext, id: string, ifMatch: string | undefined, body: UpdateConnectionDto) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const current = await mustGet(tx, access, id);
      requireIfMatch(ifMatch, current.version);
      const { credentials, ...rest } = body;
      const patch: Partial<ConnectionRow> = { ...rest };
      if (credentials) {
        const checked = PLATFORM_CREDENTIALS[current.platform as Platform].safeParse(credentials);
        if (!checked.success) {
          const errors = checked.error.issues.map((i) => ({ field: ['credentials', ...i.path].join('.'), message: i.message }));
          throw new ProblemException(400, 'validation', `${errors.length} credential field(s) are invalid for ${current.platform}.`, errors);
        }
        const sealed = this.cipher.seal(checked.data, sealContext(access.tenantId, id));
        Object.assign(patch, { credentials: sealed.blob, keyId: sealed.keyId, credentialFields: Object.keys(checked.data).sort(), credentialsUpdatedAt: sql`now()` });
      }
      const [row] = await tx
        .update(connections)
        .set({ ...patch, version: sql`${connections.version} + 1`, updatedAt: sql`now()` })
        .where(and(eq(connections.tenantId, access.tenantId), eq(connections.id, id), eq(connections.version, current.version)))
        .returning();
      const after = toConnection(row ?? current);
      await audit(tx, actorOf(access), { action: 'connection.update', entityType: 'connection', entityId: id, before: toConnection(current), after });
      return after;
    });
  }

  remove(ctx: RequestContext, id: string) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const current = await mustGet(tx, access, id);
      await tx.delete(connections).where(and(eq(connections.tenantId, access.tenantId), eq(connections.id, id)));
      await audit(tx, actorOf(access), { action: 'connection.delete', entityType: 'connection', entityId: id, before: toConnection(current) });
    });
  }

  /** Queues a sync now: the run row and its job are written together, so neither exists without the other. */
  sync(ctx: RequestContext, id: string) {
    return this.tenancy.run(ctx, async (tx, access) => {
      const conn = await mustGet(tx, access, id);
      const runId = randomUUID();
      const [run] = await tx
        .insert(syncRuns)
        .values({ id: runId, tenantId: access.tenantId, clientId: conn.clientId, connectionId: id, trigger: 'manual', accountsTotal: conn.accounts.length })
        .returning();
      await enqueue(tx, 'connection.sync', { tenantId: access.tenantId, connectionId: id, runId }, runId);
      await audit(tx, actorOf(access), { action: 'connection.sync', entityType: 'connection', entityId: id, after: { runId } });
      return toSyncRun(run);
    });
  }

  runs(ctx: RequestContext, id: string) {
    return this.tenancy.run(ctx, async (tx, access) => {
      await mustGet(tx, access, id);
      const rows = await tx.select().from(syncRuns).where(and(eq(syncRuns.tenantId, access.tenantId), eq(syncRuns.connectionId, id))).orderBy(desc(syncRuns.createdAt)).limit(50);
      return { items: rows.map(toSyncRun) };
    });
  }

  /** What the syncs of this connection stored for a date range, per currency. */
  async totals(ctx: RequestContext, id: string, from: string, to: string) {
    const conn = await this.tenancy.run(ctx, async (tx, access) => mustGet(tx, access, id));
    const rows = await this.stats.dailyTotals(conn.tenantId, { from, to, clientId: conn.clientId, platform: conn.platform, grain: 'total', groupBy: ['connection'] });
    const mine = rows.filter((r) => r.connectionId === id);
    return {
      from,
      to,
      totals: mine.map((r) => ({ currency: r.currency, impressions: r.impressions, clicks: r.clicks, cost: (r.costMicros / 1e6).toFixed(2), conversions: r.conversions })),
    };
  }

  /** Asks the platform whether the stored credentials can read each account; nothing is stored. */
  async test(ctx: RequestContext, id: string) {
    const conn = await this.tenancy.run(ctx, async (tx, access) => mustGet(tx, access, id));
    const platform = conn.platform as Platform;
    const creds = connectorCredentials(platform, this.openCredentials<Record<string, string>>(conn));
    const accounts = await Promise.all(
      conn.accounts.map(async (a) => {
        try {
          await connectors[platform].test(creds, a.id, { signal: AbortSignal.timeout(15_000) });
          return { id: a.id, ok: true, error: null, errorKind: null };
        } catch (err) {
          return { id: a.id, ok: false, error: (err as Error).message, errorKind: isConnectorError(err) ? err.kind : 'internal' };
        }
      }),
    );
    return { ok: accounts.every((a) => a.ok), accounts };
  }

  /** The stored credentials, opened: for the sync job and "test connection" only, never for a response. */
  openCredentials<T>(row: ConnectionRow): T {
    return this.cipher.open<T>({ keyId: row.keyId, blob: row.credentials }, sealContext(row.tenantId, row.id));
  }
}

async function mustGet(tx: Tx, access: Access, id: string): Promise<ConnectionRow> {
  const [row] = await tx.select().from(connections).where(and(eq(connections.tenantId, access.tenantId), eq(connections.id, id)));
  if (!row) throw notFound('Connection');
  return row;
}
