import { z } from 'zod';
import { Uuid } from './common.js';

export const PLATFORMS = ['google_ads', 'meta', 'yandex_direct', 'vk_ads'] as const;
export type Platform = (typeof PLATFORMS)[number];

const secret = z.string().trim().min(1).max(4000);
/** What each platform needs to let us read its statistics (kept encrypted; never sent back). */
export const PLATFORM_CREDENTIALS = {
  google_ads: z.strictObject({ developerToken: secret, clientId: secret, clientSecret: secret, refreshToken: secret, loginCustomerId: z.string().regex(/^\d{10}$/, 'ten digits').optional() }),
  meta: z.strictObject({ accessToken: secret }),
  yandex_direct: z.strictObject({ token: secret, clientLogin: z.string().trim().min(1).max(200).optional().describe('the client login, for agency accounts') }),
  // VK Ads: a long-lived access token, or an OAuth app's refresh token (then access tokens are
  // obtained and renewed by the platform as they expire).
  vk_ads: z.strictObject({ accessToken: secret.optional(), refreshToken: secret.optional(), clientId: secret.optional(), clientSecret: secret.optional() })
    .refine((c) => c.accessToken || (c.refreshToken && c.clientId && c.clientSecret), { message: 'an access token, or a refresh token with the client id and secret', path: ['accessToken'] }),
} as const;

const Account = z.strictObject({ id: z.string().trim().regex(/^[\w.-]{1,64}$/, 'an account id: letters, digits, . _ -'), name: z.string().trim().min(1).max(200).optional() });
const Accounts = z.array(Account).min(1).max(100).refine((a) => new Set(a.map((x) => x.id)).size === a.length, 'the same account twice');
const Schedule = z.number().int().min(15).max(1440).describe('minutes between scheduled syncs');

// One variant per platform, so the credentials are checked against the platform named.
export const CreateConnectionRequest = z.discriminatedUnion('platform', PLATFORMS.map((platform) =>
  z.strictObject({
    platform: z.literal(platform),
    name: z.string().trim().min(1).max(200),
    clientId: Uuid,
    accounts: Accounts,
    credentials: PLATFORM_CREDENTIALS[platform],
    scheduleMinutes: Schedule.default(60),
  }),
) as unknown as [z.ZodObject, ...z.ZodObject[]]);

export const UpdateConnectionRequest = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  accounts: Accounts.optional(),
  credentials: z.record(z.string(), z.string().max(4000)).optional().describe("replaces the stored credentials; checked against the connection's platform"),
  scheduleMinutes: Schedule.optional(),
  status: z.enum(['active', 'paused']).optional(),
});

export const Connection = z.object({
  id: Uuid,
  clientId: Uuid,
  platform: z.enum(PLATFORMS),
  name: z.string(),
  accounts: z.array(z.object({ id: z.string(), name: z.string().optional() })),
  scheduleMinutes: z.number().int(),
  status: z.enum(['active', 'paused']),
  credentials: z.object({ keyId: z.string(), fields: z.array(z.string()).describe('which credential fields are stored (never their values)'), updatedAt: z.string() }),
  lastSyncAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ConnectionList = z.object({ items: z.array(Connection) });

/** The create request as code handles it (the schema above is a union, one variant per platform). */
export interface CreateConnectionInput {
  platform: Platform;
  name: string;
  clientId: string;
  accounts: Array<{ id: string; name?: string }>;
  credentials: Record<string, string>;
  scheduleMinutes: number;
}

export const SyncRun = z.object({
  id: Uuid,
  connectionId: Uuid,
  trigger: z.enum(['manual', 'schedule']),
  status: z.enum(['queued', 'running', 'retrying', 'succeeded', 'failed']),
  from: z.string().nullable().describe('first reporting day read'),
  to: z.string().nullable(),
  accountsTotal: z.number().int(),
  accountsDone: z.number().int(),
  progress: z.number().int().min(0).max(100).describe('percent of the accounts read'),
  rows: z.number().int().describe('daily rows written'),
  attempts: z.number().int(),
  error: z.string().nullable(),
  errorKind: z.string().nullable().describe('the connector error kind, e.g. auth, rate_limit'),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export const SyncRunList = z.object({ items: z.array(SyncRun) });

export const ConnectionStatsQuery = z
  .strictObject({ from: z.iso.date().optional().describe('default: 29 days before `to`'), to: z.iso.date().optional().describe('default: today (UTC)') })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be before from', path: ['to'] });
export const ConnectionStats = z.object({
  from: z.string(),
  to: z.string(),
  totals: z.array(z.object({ currency: z.string(), impressions: z.number(), clicks: z.number(), cost: z.string().describe('decimal, account currency'), conversions: z.number() })),
});

export const ConnectionTest = z.object({
  ok: z.boolean().describe('every account can be read'),
  accounts: z.array(z.object({ id: z.string(), ok: z.boolean(), error: z.string().nullable(), errorKind: z.string().nullable() })),
});
