import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * A random secret made once and kept in the data folder (owner-only), for the embedded mode where
 * no secret is configured: it survives restarts, so tokens, sealed credentials and signed links
 * stay valid across them.
 */
export function localSecret(dataDir: string, name: string, bytes: number, encoding: BufferEncoding): string {
  const file = resolve(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(bytes).toString(encoding);
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
