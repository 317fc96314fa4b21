// Reports and their schedules, password resets, and who wants which email.
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgPolicy, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { clientScoped, currentLookup, currentUser, ts } from './columns.js';
import { clients, tenants, users } from './core.js';

/**
 * One requested report: what (type, params, format, language), how far it got, and where the file
 * is. A scheduled run carries its schedule and slot; (schedule_id, slot) is unique, so two worker
 * pods reaching the same slot produce one run.
 */
export const reportRuns = pgTable(
  'report_runs',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    clientId: uuid('client_id').notNull().references(() => clients.id),
    type: text('type').notNull(),
    format: text('format').notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    locale: text('locale').notNull(),
    /** queued → running → done | failed */
    status: text('status').notNull().default('queued'),
    progress: integer('progress').notNull().default(0),
    error: text('error'),
    title: text('title'),
    objectKey: text('object_key'),
    fileName: text('file_name'),
    sizeBytes: integer('size_bytes'),
    requestedBy: uuid('requested_by').references(() => users.id),
    scheduleId: uuid('schedule_id'),
    slot: text('slot'),
    /** Who gets the "report ready" email besides the requester (a schedule's recipients). */
    recipients: jsonb('recipients').$type<string[]>().notNull().default([]),
    createdAt: ts('created_at').notNull().defaultNow(),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
    /** When retention deletes the file; the run stays in the history with status `expired`. */
    expiresAt: ts('expires_at'),
  },
  (t) => [
    index('report_runs_tenant_created').on(t.tenantId, t.createdAt),
    uniqueIndex('report_runs_schedule_slot').on(t.scheduleId, t.slot),
    check('report_runs_progress', sql`${t.progress} between 0 and 100`),
    clientScoped('report_runs'),
  ],
).enableRLS();

/** A report made on a cron schedule in a time zone and mailed to its recipients. */
export const reportSchedules = pgTable(
  'report_schedules',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    clientId: uuid('client_id').notNull().references(() => clients.id),
    name: text('name').notNull(),
    type: text('type').notNull(),
    format: text('format').notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    locale: text('locale').notNull(),
    cron: text('cron').notNull(),
    timezone: text('timezone').notNull(),
    recipients: jsonb('recipients').$type<string[]>().notNull(),
    enabled: boolean('enabled').notNull().default(true),
    nextRunAt: ts('next_run_at'),
    lastRunAt: ts('last_run_at'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('report_schedules_due').on(t.enabled, t.nextRunAt), index('report_schedules_tenant').on(t.tenantId, t.createdAt), clientScoped('report_schedules')],
).enableRLS();

/**
 * A password-reset request. People are global, so this is not tenant-owned: a row is visible only
 * to the holder of its token (app.lookup = token hash) or to its own user.
 */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id),
    tokenHash: text('token_hash').notNull().unique(),
    /** The token itself, sealed, for the mail job (which runs later and elsewhere); cleared once sent. */
    sealedToken: text('sealed_token'),
    locale: text('locale'),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('password_resets_user').on(t.userId, t.createdAt),
    pgPolicy('password_resets_isolation', {
      for: 'all',
      using: sql`token_hash = ${currentLookup} or user_id = ${currentUser}`,
      withCheck: sql`token_hash = ${currentLookup} or user_id = ${currentUser}`,
    }),
  ],
).enableRLS();

/** The non-essential emails a person turned off (by kind); essential ones (invitation, reset) always go. */
export const emailPreferences = pgTable('email_preferences', {
  userId: uuid('user_id').primaryKey().references(() => users.id),
  optedOut: jsonb('opted_out').$type<string[]>().notNull().default([]),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
