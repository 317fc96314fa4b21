/**
 * The connector registry. Base URLs come from the environment so development points at the
 * simulators and staging at the platforms' sandbox accounts without a code change.
 */
import { GoogleAdsConnector, type GoogleAdsSettings } from './google-ads.js';
import { MetaConnector, type MetaSettings } from './meta.js';
import { VkAdsConnector, type VkAdsSettings } from './vk-ads.js';
import { YandexDirectConnector, type YandexDirectSettings } from './yandex-direct.js';
import type { Connector, Platform } from './types.js';

export * from './types.js';
export * from './errors.js';
export { rereadRange, DEFAULT_REREAD_DAYS, decimalToMicros, addDays, todayUtc, type RereadOptions, type RateLimitSettings, type RetrySettings } from './shared.js';
export { GoogleAdsConnector, GOOGLE_ADS_DEFAULTS, type GoogleAdsSettings } from './google-ads.js';
export { MetaConnector, META_DEFAULTS, type MetaSettings } from './meta.js';
export { YandexDirectConnector, YANDEX_DIRECT_DEFAULTS, type YandexDirectSettings } from './yandex-direct.js';
export { VkAdsConnector, VK_ADS_DEFAULTS, type VkAdsSettings } from './vk-ads.js';

export interface ConnectorSettings {
  google_ads?: Partial<GoogleAdsSettings>;
  meta?: Partial<MetaSettings>;
  yandex_direct?: Partial<YandexDirectSettings>;
  vk_ads?: Partial<VkAdsSettings>;
}

export function createConnectors(settings: ConnectorSettings = {}): Record<Platform, Connector> {
  return {
    google_ads: new GoogleAdsConnector(settings.google_ads),
    meta: new MetaConnector(settings.meta),
    yandex_direct: new YandexDirectConnector(settings.yandex_direct),
    vk_ads: new VkAdsConnector(settings.vk_ads),
  };
}

function rate(value: string | undefined): { limit: number; windowMs: number } | false | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'off') return false;
  const m = /^(\d+)\/(\d+)$/.exec(value);
  if (!m) throw new Error(`rate limit must be "<requests>/<milliseconds>" or "off", got "${value}"`);
  return { limit: Number(m[1]), windowMs: Number(m[2]) };
}

/**
 * Settings from the environment (all optional):
 * GOOGLE_ADS_API_URL, GOOGLE_ADS_API_VERSION, GOOGLE_ADS_TOKEN_URL, GOOGLE_ADS_RATE_LIMIT;
 * META_API_URL, META_API_VERSION, META_RATE_LIMIT; YANDEX_DIRECT_API_URL, YANDEX_DIRECT_RATE_LIMIT;
 * VK_ADS_API_URL, VK_ADS_RATE_LIMIT. A rate limit is "<requests>/<milliseconds>" or "off".
 */
export function connectorSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ConnectorSettings {
  const pick = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;
  return {
    google_ads: pick({
      baseUrl: env.GOOGLE_ADS_API_URL,
      apiVersion: env.GOOGLE_ADS_API_VERSION,
      tokenUrl: env.GOOGLE_ADS_TOKEN_URL,
      rateLimit: rate(env.GOOGLE_ADS_RATE_LIMIT),
    }),
    meta: pick({ baseUrl: env.META_API_URL, apiVersion: env.META_API_VERSION, rateLimit: rate(env.META_RATE_LIMIT) }),
    yandex_direct: pick({ baseUrl: env.YANDEX_DIRECT_API_URL, rateLimit: rate(env.YANDEX_DIRECT_RATE_LIMIT) }),
    vk_ads: pick({ baseUrl: env.VK_ADS_API_URL, rateLimit: rate(env.VK_ADS_RATE_LIMIT) }),
  };
}

/** The process-wide connectors; their per-account buckets are shared by every sync in the process. */
export const connectors: Record<Platform, Connector> = createConnectors(connectorSettingsFromEnv());
