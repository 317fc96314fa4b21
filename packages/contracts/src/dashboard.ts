import { z } from 'zod';
import { CurrencyCode, IsoDate, Money } from './common.js';
import { PLAN_STATUSES } from './plans.js';

/**
 * The plans the overview's budget charts add up: everything still being planned or running.
 * Completed and archived plans are history and stay out.
 */
export const DASHBOARD_PLAN_STATUSES = ['draft', 'in_review', 'approved', 'active'] as const satisfies ReadonlyArray<(typeof PLAN_STATUSES)[number]>;

const Month = z.string().regex(/^\d{4}-\d{2}$/, 'a calendar month YYYY-MM');

/** One currency's share: amounts of different currencies are never added together. */
export const CurrencyBudget = z.object({
  currency: CurrencyCode,
  plans: z.number().int().describe('plans in this currency (with or without lines)'),
  total: Money.describe('net media cost: the sum of line costs, before agency commission and VAT'),
  byChannel: z
    .array(z.object({ channel: z.string().nullable().describe('null: lines without a channel'), amount: Money }))
    .describe('largest first'),
  byMonth: z.array(z.object({ month: Month, amount: Money })).describe('each line spread over its months by its own flighting; in month order'),
});

export const DashboardBudget = z.object({
  statuses: z.array(z.enum(PLAN_STATUSES)).describe('the plan statuses counted'),
  plans: z.number().int(),
  currencies: z.array(CurrencyBudget).describe('largest total first'),
});

/** Business metrics of one workspace, from its own records (not from one process's counters). */
export const AdminMetrics = z.object({
  generatedAt: z.string(),
  activeUsers: z
    .object({
      last24h: z.number().int(),
      last7d: z.number().int(),
      members: z.number().int().describe('everyone in the workspace now'),
    })
    .describe('members who logged in or renewed a session (a refresh token issued) in the window'),
  projectsCreated: z.object({ last7d: z.number().int(), last30d: z.number().int() }).describe('calendar days in UTC, today included'),
  apiCalls: z
    .object({ today: z.number().int(), last7d: z.number().int(), last30d: z.number().int() })
    .nullable()
    .describe('calls to /api/v1 made with a token of this workspace, by UTC day; null when the counters cannot be read'),
  reportsGenerated: z
    .object({ lastHour: z.number().int(), last24h: z.number().int(), last7d: z.number().int() })
    .describe('report files made for this workspace (requested and scheduled), by when they were finished'),
  daily: z
    .array(z.object({ date: IsoDate, projectsCreated: z.number().int(), apiCalls: z.number().int().nullable() }))
    .describe('the last 30 UTC days, oldest first, today last'),
});
