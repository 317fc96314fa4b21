import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Every child from the moment it is spawned, so an interrupt during start-up still stops it. */
export const running = new Set();

/** Asks the kernel for an unused loopback port; the child binds it a moment later. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts a Node script in its own process, so the load generator never shares an event loop with
 * what it measures, and waits until `readyPath` answers 2xx.
 */
export async function startChild(name, script, { env = {}, cwd, readyPath = '/', timeoutMs = 60_000 } = {}) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), `mrm-bench-${name}-`));
  const logFile = join(dir, 'out.log');
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [script], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const url = `http://127.0.0.1:${port}`;
  const handle = {
    name,
    url,
    logFile,
    child,
    get alive() {
      return child.exitCode === null && child.signalCode === null;
    },
    logTail(lines = 20) {
      try {
        return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
      } catch {
        return '';
      }
    },
    async stop(graceMs = 10_000) {
      if (!handle.alive) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => handle.alive && child.kill('SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
  running.add(handle);
  exited.then(() => running.delete(handle));

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!handle.alive) throw new Error(`${name} exited before it was ready (${child.exitCode ?? child.signalCode}):\n${handle.logTail()}`);
    try {
      const res = await fetch(url + readyPath);
      if (res.ok) return handle;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await handle.stop();
      throw new Error(`${name} was not ready within ${timeoutMs} ms:\n${handle.logTail()}`);
    }
    await sleep(150);
  }
}
