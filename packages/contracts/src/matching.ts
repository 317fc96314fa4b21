import { z } from 'zod';
import { IsoDate, Uuid } from './common.js';

/** A campaign some synced or uploaded actuals named, as the catalogue keeps it. */
export const PlatformCampaign = z.object({
  platform: z.string().describe('google_ads, meta, yandex_direct, vk_ads, or an upload source'),
  accountId: z.string(),
  campaignId: z.string(),
  name: z.string().describe("the platform's name for it; empty when the source did not say"),
  firstDate: IsoDate.describe('the first day with actuals'),
  lastDate: IsoDate.describe('the last day with actuals'),
});

export const CampaignList = z.object({ items: z.array(PlatformCampaign) });
export const CampaignListQuery = z.strictObject({
  q: z.string().trim().max(200).optional().describe('part of the name or id'),
  platform: z.string().trim().max(64).optional(),
});

export const CampaignSuggestion = PlatformCampaign.extend({
  score: z.number().min(0).max(1).describe('how alike the names are (0–1), nudged by platform and dates'),
  reasons: z.array(z.enum(['name', 'platform', 'dates'])).describe('what made it a candidate'),
});

export const MatchingLine = z.object({
  lineItemId: Uuid,
  name: z.string(),
  channel: z.string().nullable(),
  partner: z.string().nullable(),
  startDate: IsoDate,
  endDate: IsoDate,
  version: z.number().int().describe('send as If-Match "v<version>" when confirming'),
  campaignIds: z.array(z.string()).describe("the line's confirmed campaigns (its externalIds)"),
  campaigns: z.array(PlatformCampaign).describe('the confirmed campaigns the catalogue knows'),
  unknownCampaignIds: z.array(z.string()).describe('confirmed ids no actuals have named yet (a typo, or nothing synced)'),
  suggestions: z.array(CampaignSuggestion).max(3).describe('unmatched campaigns whose names look like the line, best first; only for lines without campaigns'),
});

export const PlanMatching = z.object({
  planId: Uuid,
  clientId: Uuid,
  lines: z.array(MatchingLine),
  unmatchedCampaigns: z.array(PlatformCampaign).describe("the client's campaigns no line of this plan claims"),
});

export const SetLineCampaignsRequest = z.strictObject({
  campaignIds: z.array(z.string().trim().min(1).max(200)).max(50)
    .refine((a) => new Set(a).size === a.length, 'the same campaign twice')
    .describe('replaces the line’s campaigns; [] unmatches it'),
});

export type PlatformCampaign = z.infer<typeof PlatformCampaign>;
export type CampaignSuggestion = z.infer<typeof CampaignSuggestion>;
export type PlanMatching = z.infer<typeof PlanMatching>;
