// Media plans, their lines, submitted versions, sign-off links and comments.
import { sql } from 'drizzle-orm';
import {
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
import { currentTenant, currentClientScope, currentLookup, ts, clientScoped } from './columns.js';
import { tenants, clients, projects } from './core.js';

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
