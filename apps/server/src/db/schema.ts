import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  customType,
} from 'drizzle-orm/pg-core';

// Every tenant-owned table carries tenant_id and a policy on the per-transaction setting. The
// nullif() matters: a pooled connection whose transaction ended reads the setting back as ''.
const currentTenant = sql`nullif(current_setting('app.tenant_id', true), '')::uuid`;
const currentUser = sql`nullif(current_setting('app.user_id', true), '')::uuid`;
const currentClientScope = sql`nullif(current_setting('app.client_scope', true), '')::uuid`;
// Secrets presented by someone without a tenant yet (invitation token, OAuth client id) unlock
// exactly the row they name.
const currentLookup = sql`nullif(current_setting('app.lookup', true), '')`;

/** Raw bytes (an uploaded file): Buffer in, Buffer out on both pg and PGlite. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });
const tenantIsolation = (table: string) =>
  pgPolicy(`${table}_tenant_isolation`, { as: 'permissive', for: 'all', using: sql`tenant_id = ${currentTenant}`, withCheck: sql`tenant_id = ${currentTenant}` });

export const tenants = pgTable(
  'tenants',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    slug: text('slug').notNull().unique(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  () => [
    pgPolicy('tenants_isolation', {
      for: 'all',
      using: sql`id = ${currentTenant} or exists (select 1 from memberships m where m.tenant_id = tenants.id and m.user_id = ${currentUser})`,
      withCheck: sql`id = ${currentTenant}`,
    }),
  ],
).enableRLS();

/** People are global: one login may belong to several agencies through memberships. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    /** The interface language the person chose; null until they choose (the browser's choice stands). */
    locale: text('locale'),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastLoginAt: ts('last_login_at'),
  },
  (t) => [check('users_locale', sql`${t.locale} in ('ru', 'en')`)],
);

export const memberships = pgTable(
  'memberships',
  {
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    role: text('role').notNull(),
    clientId: uuid('client_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('memberships_tenant_user').on(t.tenantId, t.userId),
    index('memberships_user').on(t.userId),
    // A user sees their own memberships in every tenant (to pick one), and all of the current tenant's.
    pgPolicy('memberships_isolation', {
      for: 'all',
      using: sql`tenant_id = ${currentTenant} or user_id = ${currentUser}`,
      withCheck: sql`tenant_id = ${currentTenant}`,
    }),
  ],
).enableRLS();

export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    email: text('email').notNull(),
    role: text('role').notNull(),
    clientId: uuid('client_id'),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: uuid('invited_by').references(() => users.id),
    expiresAt: ts('expires_at').notNull(),
    acceptedAt: ts('accepted_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('invitations_tenant').on(t.tenantId, t.createdAt),
    pgPolicy('invitations_isolation', {
      for: 'all',
      using: sql`tenant_id = ${currentTenant} or token_hash = ${currentLookup}`,
      withCheck: sql`tenant_id = ${currentTenant}`,
    }),
  ],
).enableRLS();

export const clients = pgTable(
  'clients',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    name: text('name').notNull(),
    legalName: text('legal_name'),
    taxId: text('tax_id'),
    industry: text('industry'),
    status: text('status').notNull().default('active'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('clients_tenant_name').on(t.tenantId, t.name, t.id),
    index('clients_tenant_created').on(t.tenantId, t.createdAt, t.id),
    // A viewer limited to one client sees only that client, enforced by the database too.
    pgPolicy('clients_isolation', {
      for: 'all',
      using: sql`tenant_id = ${currentTenant} and (${currentClientScope} is null or id = ${currentClientScope})`,
      withCheck: sql`tenant_id = ${currentTenant}`,
    }),
  ],
).enableRLS();

export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    clientId: uuid('client_id').notNull().references(() => clients.id),
    name: text('name').notNull(),
    objective: text('objective'),
    budget: numeric('budget', { precision: 18, scale: 2 }),
    currency: text('currency').notNull().default('RUB'),
    startDate: date('start_date', { mode: 'string' }),
    endDate: date('end_date', { mode: 'string' }),
    status: text('status').notNull().default('planned'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('projects_tenant_created').on(t.tenantId, t.createdAt, t.id),
    index('projects_tenant_client').on(t.tenantId, t.clientId),
    pgPolicy('projects_isolation', {
      for: 'all',
      using: sql`tenant_id = ${currentTenant} and (${currentClientScope} is null or client_id = ${currentClientScope})`,
      withCheck: sql`tenant_id = ${currentTenant}`,
    }),
  ],
).enableRLS();

/** Rotating refresh tokens; a family is one login. Reusing a rotated token revokes its family. */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id),
    familyId: uuid('family_id').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    tenantId: uuid('tenant_id'),
    expiresAt: ts('expires_at').notNull(),
    rotatedAt: ts('rotated_at'),
    revokedAt: ts('revoked_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  // By user and time: the admin metrics count members with a session issued in the last day / week.
  (t) => [index('refresh_tokens_family').on(t.familyId), index('refresh_tokens_user_created').on(t.userId, t.createdAt)],
);

export const oauthClients = pgTable(
  'oauth_clients',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    clientId: text('client_id').notNull().unique(),
    secretHash: text('secret_hash').notNull(),
    name: text('name').notNull(),
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    revokedAt: ts('revoked_at'),
  },
  () => [
    pgPolicy('oauth_clients_isolation', {
      for: 'all',
      using: sql`tenant_id = ${currentTenant} or client_id = ${currentLookup}`,
      withCheck: sql`tenant_id = ${currentTenant}`,
    }),
  ],
).enableRLS();

export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('audit_log_tenant_seq').on(t.tenantId, t.seq), tenantIsolation('audit_log')],
).enableRLS();

/** Jobs are written here in the transaction of the change that causes them; a relay moves them to the queues. */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    queue: text('queue').notNull(),
    name: text('name').notNull(),
    jobId: text('job_id').notNull().unique(),
    payload: jsonb('payload').notNull(),
    attempts: integer('attempts').notNull().default(0),
    dispatched: boolean('dispatched').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
    dispatchedAt: ts('dispatched_at'),
  },
  (t) => [index('outbox_pending').on(t.dispatched, t.seq), tenantIsolation('outbox')],
).enableRLS();

// ── Media planning ────────────────────────────────────────────────────────────────────────────
// Plans and everything under them carry client_id as well, so a viewer limited to one client is
// held to it by the database, not only by the queries.
const clientScoped = (name: string) =>
  pgPolicy(`${name}_isolation`, {
    for: 'all',
    using: sql`tenant_id = ${currentTenant} and (${currentClientScope} is null or client_id = ${currentClientScope})`,
    withCheck: sql`tenant_id = ${currentTenant}`,
  });

export const mediaPlans = pgTable(
  'media_plans',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    projectId: uuid('project_id').notNull().references(() => projects.id),
    clientId: uuid('client_id').notNull().references(() => clients.id),
    name: text('name').notNull(),
    currency: text('currency').notNull().default('RUB'),
    budget: numeric('budget', { precision: 18, scale: 2 }),
    startDate: date('start_date', { mode: 'string' }),
    endDate: date('end_date', { mode: 'string' }),
    status: text('status').notNull().default('draft'),
    vatRate: numeric('vat_rate', { precision: 5, scale: 2 }).notNull().default('20.00'),
    agencyCommission: numeric('agency_commission', { precision: 5, scale: 2 }).notNull().default('0.00'),
    notes: text('notes'),
    latestVersion: integer('latest_version'),
    approvedVersion: integer('approved_version'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('media_plans_tenant_updated').on(t.tenantId, t.updatedAt, t.id),
    index('media_plans_tenant_project').on(t.tenantId, t.projectId),
    clientScoped('media_plans'),
  ],
).enableRLS();

export const lineItems = pgTable(
  'line_items',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    clientId: uuid('client_id').notNull(),
    planId: uuid('plan_id').notNull().references(() => mediaPlans.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    code: text('code'),
    name: text('name').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    costTotal: numeric('cost_total', { precision: 18, scale: 2 }).notNull(),
    channel: text('channel'),
    partner: text('partner'),
    costCurrency: text('cost_currency'),
    pricingModel: text('pricing_model'),
    rate: numeric('rate', { precision: 18, scale: 4 }),
    plannedUnits: numeric('planned_units', { precision: 20, scale: 2 }),
    erid: text('erid'),
    externalIds: jsonb('external_ids').$type<string[]>().notNull().default([]),
    flighting: jsonb('flighting').$type<Record<string, unknown>>().notNull().default({ type: 'even' }),
    /** The remaining standard fields, by their API (camelCase) names. */
    fields: jsonb('fields').$type<Record<string, unknown>>().notNull().default({}),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('line_items_plan').on(t.tenantId, t.planId, t.position), clientScoped('line_items')],
).enableRLS();

/** A submitted version: an immutable snapshot of the plan and its lines, and its review outcome. */
export const planVersions = pgTable(
  'plan_versions',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    clientId: uuid('client_id').notNull(),
    planId: uuid('plan_id').notNull().references(() => mediaPlans.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    status: text('status').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    totals: jsonb('totals').notNull(),
    submittedBy: text('submitted_by'),
    submittedAt: ts('submitted_at').notNull().defaultNow(),
    decidedBy: text('decided_by'),
    decidedAt: ts('decided_at'),
    comment: text('comment'),
  },
  (t) => [uniqueIndex('plan_versions_plan_number').on(t.planId, t.number), clientScoped('plan_versions')],
).enableRLS();

/** Signed, expiring, revocable links through which a client signs off one version without an account. */
export const shareLinks = pgTable(
  'share_links',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    clientId: uuid('client_id').notNull(),
    planId: uuid('plan_id').notNull().references(() => mediaPlans.id, { onDelete: 'cascade' }),
    versionNumber: integer('version_number').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    decision: text('decision'),
    decidedName: text('decided_name'),
    decidedComment: text('decided_comment'),
    decidedAt: ts('decided_at'),
  },
  (t) => [
    index('share_links_plan').on(t.tenantId, t.planId),
    pgPolicy('share_links_isolation', {
      for: 'all',
      using: sql`(tenant_id = ${currentTenant} and (${currentClientScope} is null or client_id = ${currentClientScope})) or token_hash = ${currentLookup}`,
      withCheck: sql`tenant_id = ${currentTenant}`,
    }),
  ],
).enableRLS();

export const planComments = pgTable(
  'plan_comments',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    clientId: uuid('client_id').notNull(),
    planId: uuid('plan_id').notNull().references(() => mediaPlans.id, { onDelete: 'cascade' }),
    lineItemId: uuid('line_item_id'),
    authorId: uuid('author_id'),
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    mentions: jsonb('mentions').$type<string[]>().notNull().default([]),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('plan_comments_plan').on(t.tenantId, t.planId, t.createdAt), clientScoped('plan_comments')],
).enableRLS();

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
