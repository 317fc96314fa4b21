import { spawn, type ChildProcess } from 'node:child_process';

/** A Redis of this test's own, so stopping it disturbs nothing else. */
export function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    const probe = async () => {
      for (let i = 0; i < 100; i++) {
        try {
          const { Redis } = await import('ioredis');
          const r = new Redis({ port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
          r.on('error', () => undefined);
          await r.connect();
          await r.quit();
          return resolve(child);
        } catch {
          await new Promise((s) => setTimeout(s, 100));
        }
      }
      reject(new Error('redis did not start'));
    };
    void probe();
  });
}

export const stopProcess = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

export async function until(fn: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

