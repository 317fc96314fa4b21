import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SERVER_DIR = fileURLToPath(new URL('../..', import.meta.url));
export const MAIN = join(SERVER_DIR, 'dist/main.js');
export const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export const TEST_ENV = {
  NODE_ENV: 'test',
  HOST: '127.0.0.1',
  JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
  RATE_LIMIT_AUTH_PER_MINUTE: '100000',
  RATE_LIMIT_PER_IP_PER_MINUTE: '1000000',
  RATE_LIMIT_PER_USER_PER_MINUTE: '1000000',
  MRM_SEED_DEMO: 'false',
  // Scheduled syncs only where a test asks for them (connections here point at no real platform).
  SYNC_SCHEDULER_MS: '3600000',
  WEB_ORIGIN: 'http://localhost:3001',
  LOG_LEVEL: 'info',
  // Small enough that the oversized-import case stays quick.
  IMPORT_LIMIT_BYTES: String(2 * 1024 * 1024),
};

export interface RunningServer {
  url: string;
  port: number;
  logFile: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * A port nobody listens on, chosen by the kernel: a number picked from a range can land on a
 * service of this machine (NATS on 4222, RabbitMQ on 5672, PostgreSQL on 5432…).
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts dist/main.js with the given environment and waits until /health answers. */
export async function startServer(env: Record<string, string>, opts: { waitFor?: 'health' | 'ready'; timeoutMs?: number } = {}): Promise<RunningServer> {
  const port = Number(env.PORT ?? (await freePort()));
  const dir = mkdtempSync(join(tmpdir(), 'mrm-server-'));
  const logFile = join(dir, 'server.log');
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [MAIN], {
    cwd: SERVER_DIR,
    // Each server its own Redis keys: two servers sharing queues would run each other's jobs.
    env: { PATH: process.env.PATH ?? '', ...TEST_ENV, MRM_DATA_DIR: join(dir, 'data'), REDIS_PREFIX: `{mrmtest-${port}}`, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}; see ${logFile}`);
    try {
      const res = await fetch(`${url}/${opts.waitFor ?? 'ready'}`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not become ready; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    port,
    logFile,
    child,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
