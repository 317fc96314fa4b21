#!/usr/bin/env node
/**
 * Runs the four simulators until interrupted and prints their base URLs.
 * Ports from SIM_GOOGLE_PORT, SIM_META_PORT, SIM_YANDEX_PORT, SIM_VK_PORT (default: free ports);
 * SIM_HOST (default 127.0.0.1), SIM_SEED, SIM_TODAY, SIM_CURRENCY.
 */
import { startAll } from './all.js';

const env = process.env;
const port = (name: string) => (env[name] ? Number(env[name]) : 0);

const sims = await startAll({
  common: { host: env.SIM_HOST, seed: env.SIM_SEED, today: env.SIM_TODAY, currency: env.SIM_CURRENCY },
  google: { port: port('SIM_GOOGLE_PORT') },
  meta: { port: port('SIM_META_PORT') },
  yandex: { port: port('SIM_YANDEX_PORT') },
  vk: { port: port('SIM_VK_PORT') },
});
for (const name of ['google', 'meta', 'yandex', 'vk'] as const) console.log(`${name}\t${sims[name].url}`);
const stop = () => void sims.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
