import { Connection, ConnectionList, CreateConnectionRequest, UpdateConnectionRequest } from '@mrm/contracts';
import { z } from 'zod';
import { zodDto } from '../common/dto.js';
import { iso, isoReq } from '../common/http.js';
import type { connections } from '../db/schema.js';

export type ConnectionRow = typeof connections.$inferSelect;

export class ConnectionDto extends zodDto(Connection) {}
export class ConnectionListDto extends zodDto(ConnectionList) {}
export class CreateConnectionDto extends zodDto(CreateConnectionRequest) {}
export class UpdateConnectionDto extends zodDto(UpdateConnectionRequest) {}
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
