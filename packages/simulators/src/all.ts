import type { SimulatorOptions } from './base.js';
import { startGoogleAds, type GoogleAdsOptions, type GoogleAdsSimulator } from './google.js';
import { startMeta, type MetaOptions, type MetaSimulator } from './meta.js';
import { startVkAds, type VkAdsSimulator, type VkOptions } from './vk.js';
import { startYandexDirect, type YandexDirectSimulator, type YandexOptions } from './yandex.js';

export interface AllSimulators {
  google: GoogleAdsSimulator;
  meta: MetaSimulator;
  yandex: YandexDirectSimulator;
  vk: VkAdsSimulator;
  close(): Promise<void>;
}

export interface AllOptions {
  /** Applied to all four (seed, today, host …); the per-platform options override it. */
  common?: SimulatorOptions;
  google?: GoogleAdsOptions;
  meta?: MetaOptions;
  yandex?: YandexOptions;
  vk?: VkOptions;
}

/** Starts the four simulators, each on its own port. */
export async function startAll(opts: AllOptions = {}): Promise<AllSimulators> {
  const c = opts.common ?? {};
  const [google, meta, yandex, vk] = await Promise.all([
    startGoogleAds({ ...c, ...opts.google }),
    startMeta({ ...c, ...opts.meta }),
    startYandexDirect({ ...c, ...opts.yandex }),
    startVkAds({ ...c, ...opts.vk }),
  ]);
  return {
    google, meta, yandex, vk,
    async close() {
      await Promise.all([google.close(), meta.close(), yandex.close(), vk.close()]);
    },
  };
}
