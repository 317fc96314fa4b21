// Actuals: connections and their syncs, the campaign catalogue, uploaded files, notifications.
import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea, ts, tenantIsolation, clientScoped } from './columns.js';
import { tenants, users, clients } from './core.js';

// ── Actuals ───────────────────────────────────────────────────────────────────────────────────
/** An ad-platform login of a client: its accounts and (encrypted) credentials, synced on a schedule. */
export const connections = pgTable(
  'connections',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    clientId: uuid('client_id').notNull().references(() => clients.id),
    platform: text('platform').notNull(),
    name: text('name').notNull(),
    accounts: jsonb('accounts').$type<Array<{ id: string; name?: string }>>().notNull(),
    /** AES-256-GCM: iv, tag and ciphertext, base64; bound to the row by its tenant and id. */
    credentials: text('credentials').notNull(),
    credentialFields: jsonb('credential_fields').$type<string[]>().notNull(),
    keyId: text('key_id').notNull(),
    credentialsUpdatedAt: ts('credentials_updated_at').notNull().defaultNow(),
    scheduleMinutes: integer('schedule_minutes').notNull().default(60),
    status: text('status').notNull().default('active'),
    lastSyncAt: ts('last_sync_at'),
    /** The last reporting day read completely; the next sync starts from it (or its re-read window). */
    syncedTo: date('synced_to', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('connections_tenant_client').on(t.tenantId, t.clientId), clientScoped('connections')],
).enableRLS();

/** One sync of a connection: what window it read, how far it got, what it wrote, why it failed. */
export const syncRuns = pgTable(
  'sync_runs',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    clientId: uuid('client_id').notNull(),
    connectionId: uuid('connection_id').notNull().references(() => connections.id, { onDelete: 'cascade' }),
    trigger: text('trigger').notNull(),
    status: text('status').notNull().default('queued'),
    fromDate: date('from_date', { mode: 'string' }),
    toDate: date('to_date', { mode: 'string' }),
    accountsTotal: integer('accounts_total').notNull().default(0),
    accountsDone: integer('accounts_done').notNull().default(0),
    rows: integer('rows').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    errorKind: text('error_kind'),
    createdAt: ts('created_at').notNull().defaultNow(),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
  },
  (t) => [index('sync_runs_connection').on(t.tenantId, t.connectionId, t.createdAt), clientScoped('sync_runs')],
).enableRLS();

// ── Notifications ─────────────────────────────────────────────────────────────────────────────
/**
 * Something a workspace (or one member, when user_id is set) should look at: a line off pace, for
 * now. `dedup_key` makes raising the same notice twice a no-op (a pacing alert: once per line per day).
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    userId: uuid('user_id').references(() => users.id),
    kind: text('kind').notNull(),
    entity: text('entity').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    dedupKey: text('dedup_key').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    readAt: ts('read_at'),
  },
  (t) => [
    uniqueIndex('notifications_dedup').on(t.tenantId, t.dedupKey),
    index('notifications_tenant_created').on(t.tenantId, t.createdAt),
    tenantIsolation('notifications'),
  ],
).enableRLS();

// ── Campaigns and uploaded actuals ────────────────────────────────────────────────────────────
/**
 * Every platform campaign a client's actuals have mentioned, with the name the platform last gave
 * it: what a planner matches line items against (line items keep the campaign ids in external_ids).
 * Written by syncs and uploads; one row per (platform, account, campaign) of a tenant.
 */
export const platformCampaigns = pgTable(
  'platform_campaigns',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    clientId: uuid('client_id').notNull().references(() => clients.id),
    platform: text('platform').notNull(),
    accountId: text('account_id').notNull(),
    campaignId: text('campaign_id').notNull(),
    name: text('name').notNull().default(''),
    /** The connection or upload that last reported it. */
    sourceId: uuid('source_id').notNull(),
    firstDate: date('first_date', { mode: 'string' }).notNull(),
    lastDate: date('last_date', { mode: 'string' }).notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('platform_campaigns_key').on(t.tenantId, t.platform, t.accountId, t.campaignId),
    index('platform_campaigns_client').on(t.tenantId, t.clientId),
    clientScoped('platform_campaigns'),
  ],
).enableRLS();

/**
 * A CSV or XLSX file of actuals for a platform without an API. The file is kept (bounded in size)
 * until it is imported, so the column mapping can be chosen after the upload and an import that
 * failed half way can be run again; rows go to the analytics store with platform = `source`.
 */
export const actualUploads = pgTable(
  'actual_uploads',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    clientId: uuid('client_id').notNull().references(() => clients.id),
    /** What the rows are from, e.g. `upload` or a platform name the planner typed. */
    source: text('source').notNull(),
    fileName: text('file_name').notNull(),
    format: text('format').notNull(),
    content: bytea('content').notNull(),
    /** The header row as read, and the chosen header → field mapping. */
    columns: jsonb('columns').$type<string[]>().notNull(),
    mapping: jsonb('mapping').$type<Record<string, string>>(),
    currency: text('currency'),
    /** The account id given for rows without an account column. */
    accountId: text('account_id'),
    /** 1-based sheet row of the header, and the first data rows under it as text (for the mapping screen). */
    headerRow: integer('header_row').notNull().default(1),
    preview: jsonb('preview').$type<string[][]>().notNull().default([]),
    status: text('status').notNull().default('uploaded'),
    rowsTotal: integer('rows_total').notNull().default(0),
    rowsDone: integer('rows_done').notNull().default(0),
    errors: jsonb('errors').$type<Array<{ row: number; field: string; message: string }>>().notNull().default([]),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    importedAt: ts('imported_at'),
  },
  (t) => [index('actual_uploads_client').on(t.tenantId, t.clientId, t.createdAt), clientScoped('actual_uploads')],
).enableRLS();

/** Who has read which notification: a workspace-wide notice is read (or not) by each member on their own. */
export const notificationReads = pgTable(
  'notification_reads',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    notificationId: uuid('notification_id').notNull().references(() => notifications.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id),
    readAt: ts('read_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.notificationId, t.userId] }), index('notification_reads_user').on(t.tenantId, t.userId), tenantIsolation('notification_reads')],
).enableRLS();
