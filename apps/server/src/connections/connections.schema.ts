import { Connection, ConnectionList, ConnectionStats, ConnectionTest, ConnectionStatsQuery, CreateConnectionRequest, SyncRun, SyncRunList, UpdateConnectionRequest } from '@mrm/contracts';
import { z } from 'zod';
import { zodDto } from '../common/dto.js';
import { iso, isoReq } from '../common/http.js';
import type { connections, syncRuns } from '../db/schema.js';

export type ConnectionRow = typeof connections.$inferSelect;

export class ConnectionDto extends zodDto(Connection) {}
export class ConnectionListDto extends zodDto(ConnectionList) {}
export class CreateConnectionDto extends zodDto(CreateConnectionRequest) {}
export class UpdateConnectionDto extends zodDto(UpdateConnectionRequest) {}
export class ConnectionTestDto extends zodDto(ConnectionTest) {}
export class SyncRunDto extends zodDto(SyncRun) {}
export class SyncRunListDto extends zodDto(SyncRunList) {}
export class ConnectionStatsDto extends zodDto(ConnectionStats) {}
export class ConnectionStatsQueryDto extends zodDto(ConnectionStatsQuery) {}
export class ConnectionListQueryDto extends zodDto(z.strictObject({ clientId: z.uuid().optional() })) {}

/** A connection as the API shows it: which credential fields are stored, never their values. */
export function toConnection(row: ConnectionRow) {
  return {
    id: row.id,
    clientId: row.clientId,
    platform: row.platform as z.infer<typeof Connection>['platform'],
    name: row.name,
    accounts: row.accounts,
    scheduleMinutes: row.scheduleMinutes,
    status: row.status as 'active' | 'paused',
    credentials: { keyId: row.keyId, fields: row.credentialFields, updatedAt: isoReq(row.credentialsUpdatedAt) },
    lastSyncAt: iso(row.lastSyncAt),
    version: row.version,
    createdAt: isoReq(row.createdAt),
    updatedAt: isoReq(row.updatedAt),
  };
}

export function toSyncRun(r: typeof syncRuns.$inferSelect) {
  return {
    id: r.id,
    connectionId: r.connectionId,
    trigger: r.trigger as 'manual' | 'schedule',
    status: r.status as 'queued',
    from: r.fromDate,
    to: r.toDate,
    accountsTotal: r.accountsTotal,
    accountsDone: r.accountsDone,
    progress: r.status === 'succeeded' ? 100 : r.accountsTotal ? Math.floor((100 * r.accountsDone) / r.accountsTotal) : 0,
    rows: r.rows,
    attempts: r.attempts,
    error: r.error,
    errorKind: r.errorKind,
    createdAt: isoReq(r.createdAt),
    startedAt: iso(r.startedAt),
    finishedAt: iso(r.finishedAt),
  };
}
