// Workspaces, people and access, clients and projects, the audit log and the job outbox.
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
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { currentTenant, currentUser, currentClientScope, currentLookup, ts, tenantIsolation } from './columns.js';

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
    /** The token itself, sealed, for the invitation email job; cleared once the mail is sent. */
    sealedToken: text('sealed_token'),
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
    // The W3C traceparent of the span that enqueued the job (null when tracing is off).
    traceparent: text('traceparent'),
  },
  (t) => [index('outbox_pending').on(t.dispatched, t.seq), tenantIsolation('outbox')],
).enableRLS();
