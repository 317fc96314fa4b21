// `npm start`: the platform on its embedded defaults (PGlite in ./.data, the local Redis), with a
// demo workspace. Starts a local Redis first when none answers and redis-server is installed.
import { execSync, spawnSync } from 'node:child_process';
import net from 'node:net';

const answers = (port) =>
  new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

if (!process.env.REDIS_URL && !(await answers(6379))) {
  if (spawnSync('sh', ['-c', 'command -v redis-server']).status === 0) {
    console.error('No Redis on 127.0.0.1:6379; starting a local one (nothing saved to disk).');
    execSync('redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no');
    for (let i = 0; i < 40 && !(await answers(6379)); i++) await new Promise((r) => setTimeout(r, 250));
  }
}
process.env.NODE_ENV ??= 'development';

// The ad platforms' sandboxes: local simulators of their APIs, which the demo client is connected
// to, so the demo plan has actuals. Skipped when the platforms' URLs are set (staging, production).
let sandbox = null;
if (!process.env.DATABASE_URL && !process.env.VK_ADS_API_URL && process.env.MRM_DEMO_SANDBOX !== 'false') {
  const { startAll } = await import('../packages/simulators/dist/index.js');
  sandbox = await startAll();
  process.env.GOOGLE_ADS_API_URL = sandbox.google.url;
  process.env.GOOGLE_ADS_TOKEN_URL = `${sandbox.google.url}/token`;
  process.env.META_API_URL = sandbox.meta.url;
  process.env.YANDEX_DIRECT_API_URL = sandbox.yandex.url;
  process.env.VK_ADS_API_URL = sandbox.vk.url;
  process.env.MRM_DEMO_SANDBOX = 'true';
}
await import('../apps/server/dist/main.js');
if (sandbox) {
  process.stderr.write(`  Sandboxes    Google Ads ${sandbox.google.url} · Meta ${sandbox.meta.url} · Yandex Direct ${sandbox.yandex.url} · VK Ads ${sandbox.vk.url}\n  (the demo client is connected to each; see docs/simulators.md)\n\n`);
}

// The web app (the built standalone Next.js server) talks to the API started above.
const { spawn } = await import('node:child_process');
const { existsSync } = await import('node:fs');
const webServer = new URL('../apps/web/.next/standalone/apps/web/server.js', import.meta.url).pathname;
if (existsSync(webServer)) {
  const webPort = process.env.WEB_PORT ?? '3001';
  const web = spawn(process.execPath, [webServer], {
    env: {
      ...process.env,
      PORT: webPort,
      HOSTNAME: '127.0.0.1',
      NODE_ENV: 'production',
      API_URL: `http://127.0.0.1:${process.env.PORT ?? 3000}`,
      // Served over plain HTTP on this machine: Secure cookies would never be sent back.
      WEB_INSECURE_COOKIES: '1',
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  process.on('exit', () => web.kill('SIGTERM'));
  process.stderr.write(`  Web app      http://127.0.0.1:${webPort}  (log in with the demo login above)\n\n`);
} else {
  process.stderr.write('  (web app not built: run npm run build)\n');
}
