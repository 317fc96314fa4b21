// `npm run openapi`: writes the committed OpenAPI document. Builds the app over connections that are
// never opened, so it needs neither a database nor Redis.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { loadConfig } from './config/config.js';
import type { Database } from './db/database.js';
import { buildOpenApi } from './http/openapi.js';
import { Lifecycle } from './ops/lifecycle.js';
import { Metrics } from './ops/metrics.js';
import { createRedis } from './ops/redis.js';
import { createServer } from './server.js';

export const OPENAPI_FILE = fileURLToPath(new URL('../openapi.json', import.meta.url));

const unused = (): never => {
  throw new Error('no database while generating the API document');
};
const config = loadConfig({ ...process.env, MRM_ROLE: 'api', JWT_SECRET: 'x'.repeat(32), DATABASE_URL: 'postgres://unused@127.0.0.1/unused' });
const db: Database = { kind: 'postgres', run: unused, readOnce: unused, ping: unused, close: async () => undefined };
const redis = createRedis(config);
const app = await createServer({ config, db, redis, metrics: new Metrics(redis, 'x', {}), logger: pino({ level: 'silent' }), lifecycle: new Lifecycle() });
await app.init();
const out = process.argv[2] ?? OPENAPI_FILE;
writeFileSync(out, JSON.stringify(buildOpenApi(app), null, 2) + '\n');
await app.close();
redis.disconnect();
console.log(`wrote ${out}`);
