/**
 * Deterministic sandbox data: the account catalogue of each platform and the daily numbers of
 * every ad group. Everything is a pure function of the seed, the ids, the date and the revision,
 * so two simulators started with the same options answer the same numbers, and tests can compute
 * the expected totals of any range without asking the server.
 */
import { addDays, eachDate, maxDate, minDate, todayUtc, weekday } from './dates.js';

export type Platform = 'google' | 'meta' | 'yandex' | 'vk';

export interface SandboxAdGroup {
  id: string;
  name: string;
  /** The single ad of the group: Meta's ad level and VK's banners report it. */
  adId: string;
  adName: string;
}

export interface SandboxCampaign {
  id: string;
  name: string;
  /** Video campaigns report video views; the others report none. */
  video: boolean;
  adGroups: SandboxAdGroup[];
}

export interface SandboxAccount {
  platform: Platform;
  /** Google customer id (10 digits), Meta ad account id (without `act_`), Yandex client login, VK account id. */
  id: string;
  name: string;
  currency: string;
  campaigns: SandboxCampaign[];
}

export interface DailyRow {
  date: string;
  accountId: string;
  campaignId: string;
  adGroupId: string;
  impressions: number;
  clicks: number;
  /** Cost without VAT in millionths of the account currency; always a whole number of cents/kopecks. */
  costMicros: number;
  conversions: number;
  videoViews: number;
}

export interface Totals {
  impressions: number;
  clicks: number;
  costMicros: number;
  conversions: number;
  videoViews: number;
  rows: number;
}

export interface DataOptions {
  /** Seed of every number; the default gives the documented sandbox. */
  seed?: string;
  /** Currency of the Google and Meta accounts (Yandex and VK are always RUB). Default USD. */
  currency?: string;
  /** The simulator's "today": no data after it, and the provisional window ends on it. Default: the UTC date. */
  today?: string;
  /** First date with data. Default 2024-01-01. */
  dataStart?: string;
  /** Length of the provisional window in days (today included). Defaults: Google 30, Meta 28, Yandex 7, VK 7. */
  provisionalDays?: number;
}

export const DEFAULT_PROVISIONAL_DAYS: Record<Platform, number> = { google: 30, meta: 28, yandex: 7, vk: 7 };
export const DEFAULT_SEED = 'mrm-sandbox';
export const DEFAULT_DATA_START = '2024-01-01';

// ---------------------------------------------------------------------------------------------
// Hashing: a 32-bit FNV-1a followed by a murmur-style finaliser, turned into a float in [0, 1).

function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function unit(...parts: (string | number)[]): number {
  return hash32(parts.join('|')) / 4294967296;
}

function between(lo: number, hi: number, ...parts: (string | number)[]): number {
  return lo + (hi - lo) * unit(...parts);
}

// ---------------------------------------------------------------------------------------------
// Catalogue

interface AccountPlan {
  id: string;
  name: string;
  campaigns: number;
  adGroups: [number, number];
}

const PLANS: Record<Platform, AccountPlan[]> = {
  google: [
    { id: '1234567890', name: 'Sandbox Retail', campaigns: 4, adGroups: [2, 4] },
    { id: '2345678901', name: 'Sandbox Brand', campaigns: 3, adGroups: [2, 3] },
    // Large enough that a year of daily ad-group rows spans more than one 10,000-row batch.
    { id: '3456789012', name: 'Sandbox Large', campaigns: 10, adGroups: [5, 5] },
  ],
  meta: [
    { id: '100000000000001', name: 'Sandbox Shop', campaigns: 4, adGroups: [2, 4] },
    { id: '100000000000002', name: 'Sandbox App', campaigns: 3, adGroups: [2, 3] },
  ],
  yandex: [
    { id: 'sandbox-client-1', name: 'Песочница Ритейл', campaigns: 4, adGroups: [2, 4] },
    { id: 'sandbox-client-2', name: 'Песочница Бренд', campaigns: 3, adGroups: [2, 3] },
  ],
  vk: [
    { id: '900001', name: 'Песочница VK Реклама', campaigns: 4, adGroups: [2, 3] },
    { id: '900002', name: 'Песочница VK Приложение', campaigns: 2, adGroups: [2, 2] },
  ],
};

const CAMPAIGN_NAMES: Record<Platform, string[]> = {
  google: ['Brand Search', 'Generic Search', 'Shopping', 'Display Remarketing', 'YouTube Video Awareness', 'Performance Max', 'Competitor Search', 'Discovery', 'Local Search', 'YouTube Video Reach'],
  meta: ['Prospecting', 'Retargeting', 'Video Views Reels', 'Catalogue Sales', 'Lookalike 1%', 'Lead Forms'],
  yandex: ['Бренд — Поиск', 'Общие запросы — Поиск', 'РСЯ — ретаргетинг', 'Видео — охват', 'Товарная кампания', 'Мастер кампаний'],
  vk: ['Охват — видео', 'Трафик на сайт', 'Ретаргетинг', 'Лид-формы', 'Продвижение приложения'],
};

const AD_GROUP_NAMES = ['Core', 'Broad', 'Exact', 'Lookalike', 'Interests', 'Remarketing 30d', 'Mobile', 'Desktop'];

const ID_BASE: Record<Platform, { campaign: number; adGroup: number; ad: number }> = {
  google: { campaign: 20_000_000_000, adGroup: 150_000_000_000, ad: 700_000_000_000 },
  meta: { campaign: 23_850_000_000_000, adGroup: 23_851_000_000_000, ad: 23_852_000_000_000 },
  yandex: { campaign: 70_000_000, adGroup: 5_100_000_000, ad: 15_000_000_000 },
  vk: { campaign: 12_000_000, adGroup: 81_000_000, ad: 140_000_000 },
};

export function currencyOf(platform: Platform, opts: DataOptions = {}): string {
  return platform === 'yandex' || platform === 'vk' ? 'RUB' : (opts.currency ?? 'USD');
}

export function accountsOf(platform: Platform, opts: DataOptions = {}): SandboxAccount[] {
  const seed = opts.seed ?? DEFAULT_SEED;
  const base = ID_BASE[platform];
  return PLANS[platform].map((plan, a) => {
    const names = CAMPAIGN_NAMES[platform];
    const campaigns: SandboxCampaign[] = [];
    for (let c = 0; c < plan.campaigns; c++) {
      const campaignId = String(base.campaign + a * 10_000 + c * 10 + 1);
      const [lo, hi] = plan.adGroups;
      const groups = lo + Math.floor(unit(seed, platform, plan.id, campaignId, 'groups') * (hi - lo + 1));
      const name = names[c % names.length] + (c >= names.length ? ` ${Math.floor(c / names.length) + 1}` : '');
      const adGroups: SandboxAdGroup[] = [];
      for (let g = 0; g < groups; g++) {
        const n = a * 1_000_000 + c * 1_000 + g + 1;
        const groupName = `${name} — ${AD_GROUP_NAMES[(c + g) % AD_GROUP_NAMES.length]}`;
        adGroups.push({ id: String(base.adGroup + n), name: groupName, adId: String(base.ad + n), adName: `${groupName} — ad 1` });
      }
      campaigns.push({ id: campaignId, name, video: /video|видео|reels/i.test(name), adGroups });
    }
    return { platform, id: plan.id, name: plan.name, currency: currencyOf(platform, opts), campaigns };
  });
}

// ---------------------------------------------------------------------------------------------
// Daily numbers

/** Monday … Sunday: business days busier than the weekend. */
const WEEKDAY = [1.0, 1.06, 1.08, 1.04, 0.96, 0.78, 0.72];

/** Cost per click in the currency's main unit, by currency. */
function cpcRange(currency: string): [number, number] {
  if (currency === 'RUB') return [12, 65];
  if (currency === 'KZT') return [60, 350];
  if (currency === 'JPY') return [40, 250];
  return [0.25, 2.4];
}

function dayMetrics(platform: Platform, seed: string, account: SandboxAccount, campaign: SandboxCampaign, group: SandboxAdGroup, date: string, salt: string): DailyRow {
  const g = [seed, platform, account.id, campaign.id, group.id];
  const d = [...g, date, salt];
  const scale = between(800, 24_000, ...g, 'scale');
  const noise = between(0.82, 1.18, ...d, 'noise');
  const impressions = Math.max(1, Math.round(scale * WEEKDAY[weekday(date)] * noise));
  const ctr = Math.min(0.03, Math.max(0.005, between(0.006, 0.027, ...g, 'ctr') * between(0.88, 1.12, ...d, 'ctr')));
  const clicks = Math.round(impressions * ctr);
  const [lo, hi] = cpcRange(account.currency);
  const cpc = between(lo, hi, ...g, 'cpc') * between(0.9, 1.1, ...d, 'cpc');
  const costMicros = Math.round(clicks * cpc * 100) * 10_000;
  const conversions = Math.round(clicks * between(0.01, 0.08, ...g, 'cr') * between(0.7, 1.3, ...d, 'cr'));
  const videoViews = campaign.video ? Math.round(impressions * between(0.18, 0.42, ...d, 'vtr')) : 0;
  return { date, accountId: account.id, campaignId: campaign.id, adGroupId: group.id, impressions, clicks, costMicros, conversions, videoViews };
}

/**
 * The data set of one platform as the simulator sees it at a given moment: its catalogue, its
 * "today" and the revision of the provisional window. Dates inside the window (the last
 * `provisionalDays` days up to today) take numbers that depend on the revision; older dates are
 * final and never change.
 */
export class Dataset {
  readonly platform: Platform;
  readonly seed: string;
  readonly dataStart: string;
  readonly provisionalDays: number;
  readonly accounts: SandboxAccount[];
  today: string;
  revision = 0;

  constructor(platform: Platform, opts: DataOptions = {}) {
    this.platform = platform;
    this.seed = opts.seed ?? DEFAULT_SEED;
    this.dataStart = opts.dataStart ?? DEFAULT_DATA_START;
    this.provisionalDays = opts.provisionalDays ?? DEFAULT_PROVISIONAL_DAYS[platform];
    this.today = opts.today ?? todayUtc();
    this.accounts = accountsOf(platform, opts);
  }

  account(id: string): SandboxAccount | undefined {
    return this.accounts.find((a) => a.id === id);
  }

  /** First date of the provisional window. */
  get provisionalFrom(): string {
    return addDays(this.today, -(this.provisionalDays - 1));
  }

  isProvisional(date: string): boolean {
    return date >= this.provisionalFrom && date <= this.today;
  }

  /** Ad-group daily rows of one account, ordered by date, campaign, ad group. Unknown account: none. */
  rows(accountId: string, from: string, to: string): DailyRow[] {
    const account = this.account(accountId);
    if (!account) return [];
    const out: DailyRow[] = [];
    const first = maxDate(from, this.dataStart);
    const last = minDate(to, this.today);
    for (const date of eachDate(first, last)) {
      const salt = this.isProvisional(date) && this.revision > 0 ? `rev${this.revision}` : 'final';
      for (const campaign of account.campaigns) {
        for (const group of campaign.adGroups) out.push(dayMetrics(this.platform, this.seed, account, campaign, group, date, salt));
      }
    }
    return out;
  }
}

export function sumRows(rows: DailyRow[]): Totals {
  const t: Totals = { impressions: 0, clicks: 0, costMicros: 0, conversions: 0, videoViews: 0, rows: rows.length };
  for (const r of rows) {
    t.impressions += r.impressions;
    t.clicks += r.clicks;
    t.costMicros += r.costMicros;
    t.conversions += r.conversions;
    t.videoViews += r.videoViews;
  }
  return t;
}

export interface ExpectedOptions extends DataOptions {
  revision?: number;
}

/**
 * The ad-group daily rows a simulator with the same options serves for `account` between `from`
 * and `to` (inclusive), at the given revision of the provisional window (default 0).
 */
export function expectedDaily(platform: Platform, accountId: string, from: string, to: string, opts: ExpectedOptions = {}): DailyRow[] {
  const ds = new Dataset(platform, opts);
  ds.revision = opts.revision ?? 0;
  return ds.rows(accountId, from, to);
}

export function expectedTotals(platform: Platform, accountId: string, from: string, to: string, opts: ExpectedOptions = {}): Totals {
  return sumRows(expectedDaily(platform, accountId, from, to, opts));
}
