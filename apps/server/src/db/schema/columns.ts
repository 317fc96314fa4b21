// Column types and row-level security policies shared by every table of the schema.
import { sql } from 'drizzle-orm';
import {
  customType,
  pgPolicy,
  timestamp,
} from 'drizzle-orm/pg-core';

// Every tenant-owned table carries tenant_id and a policy on the per-transaction setting. The
// nullif() matters: a pooled connection whose transaction ended reads the setting back as ''.
export const currentTenant = sql`nullif(current_setting('app.tenant_id', true), '')::uuid`;
export const currentUser = sql`nullif(current_setting('app.user_id', true), '')::uuid`;
export const currentClientScope = sql`nullif(current_setting('app.client_scope', true), '')::uuid`;
// Secrets presented by someone without a tenant yet (invitation token, OAuth client id) unlock
// exactly the row they name.
export const currentLookup = sql`nullif(current_setting('app.lookup', true), '')`;

/** Raw bytes (an uploaded file): Buffer in, Buffer out on both pg and PGlite. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });
export const tenantIsolation = (table: string) =>
  pgPolicy(`${table}_tenant_isolation`, { as: 'permissive', for: 'all', using: sql`tenant_id = ${currentTenant}`, withCheck: sql`tenant_id = ${currentTenant}` });
// Plans and everything under them carry client_id as well, so a viewer limited to one client is
// held to it by the database, not only by the queries.
export const clientScoped = (name: string) =>
  pgPolicy(`${name}_isolation`, {
    for: 'all',
    using: sql`tenant_id = ${currentTenant} and (${currentClientScope} is null or client_id = ${currentClientScope})`,
    withCheck: sql`tenant_id = ${currentTenant}`,
  });
