import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    webUrl: string;
    apiUrl: string;
    /** Where the API writes its mail (.eml files): no SMTP server in these tests. */
    mailDir: string;
  }
}

const WEB = fileURLToPath(new URL('..', import.meta.url));
const SERVER = fileURLToPath(new URL('../../server', import.meta.url));

function start(name: string, script: string, cwd: string, env: Record<string, string>, dir: string): ChildProcess {
  const log = createWriteStream(join(dir, `${name}.log`));
  const child = spawn(process.execPath, [script], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  return child;
}

async function until(url: string, child: ChildProcess, what: string) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    try {
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not start`);
}

/** A port nobody listens on, chosen by the kernel (a number from a range can be a machine service's, NATS on 4222 say). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** An embedded-mode API (its own PGlite folder) and the standalone web server on free ports. */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'mrm-web-'));
  const [apiPort, webPort] = [await freePort(), await freePort()];
  // The VK Ads sandbox, for the connections screen: a real HTTP peer speaking the platform's API.
  const { startVkAds } = await import('@mrm/simulators');
  const vk = await startVkAds({});
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const webUrl = `http://127.0.0.1:${webPort}`;
  const api = start('api', 'dist/main.js', SERVER, {
    PORT: String(apiPort),
    HOST: '127.0.0.1',
    MRM_DATA_DIR: join(dir, 'data'),
    REDIS_PREFIX: `{mrmweb-${process.pid}}`,
    MRM_SEED_DEMO: 'false',
    WEB_ORIGIN: webUrl,
    RATE_LIMIT_AUTH_PER_MINUTE: '10000',
    VK_ADS_API_URL: vk.url,
    VK_ADS_RATE_LIMIT: 'off',
    OUTBOX_POLL_MS: '100',
  }, dir);
  await until(`${apiUrl}/ready`, api, 'the API');
  const web = start('web', '.next/standalone/apps/web/server.js', WEB, {
    PORT: String(webPort),
    HOSTNAME: '127.0.0.1',
    NODE_ENV: 'production',
    API_URL: apiUrl,
    // Served over plain HTTP on loopback in the test: Secure cookies would never come back.
    WEB_INSECURE_COOKIES: '1',
    NEXT_TELEMETRY_DISABLED: '1',
  }, dir);
  await until(`${webUrl}/login`, web, 'the web app');
  project.provide('webUrl', webUrl);
  project.provide('apiUrl', apiUrl);
  project.provide('mailDir', join(dir, 'data', 'mail-outbox'));
  return async () => {
    for (const child of [web, api]) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    await vk.close();
  };
}
