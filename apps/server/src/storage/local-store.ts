import { createHmac } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { safeEqual } from '../auth/secrets.js';
import { attachment, checkKey, type ObjectStore, type PutOptions, type StoredFile } from './object-store.js';

interface Meta {
  contentType: string;
  filename: string;
}

/**
 * The embedded default: objects as files under a folder, each with a small sidecar of its type and
 * name. Download links are the API's own `/api/v1/files/…` URLs, signed with HMAC-SHA256 over the
 * key and the expiry, so a link works without signing in, only for that file, and only until then.
 */
export class LocalObjectStore implements ObjectStore {
  readonly kind = 'local' as const;

  constructor(private readonly root: string, private readonly secret: string, private readonly publicBase: string) {}

  private path(key: string) {
    return join(this.root, ...checkKey(key).split('/'));
  }

  async put(key: string, body: Readable | Buffer, opts: PutOptions): Promise<void> {
    const file = this.path(key);
    await mkdir(dirname(file), { recursive: true });
    // Written aside and renamed: a reader never sees half a file, and a failed write leaves none.
    const partial = `${file}.partial-${process.pid}-${Date.now()}`;
    try {
      await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, createWriteStream(partial));
      await writeFile(`${file}.meta.json`, JSON.stringify({ contentType: opts.contentType, filename: opts.filename } satisfies Meta));
      await rename(partial, file);
    } catch (err) {
      await rm(partial, { force: true });
      throw err;
    }
  }

  async get(key: string): Promise<StoredFile | null> {
    const file = this.path(key);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return null;
    const meta = JSON.parse(await readFile(`${file}.meta.json`, 'utf8')) as Meta;
    return { body: createReadStream(file), size: info.size, contentType: meta.contentType, disposition: attachment(meta.filename) };
  }

  async delete(key: string): Promise<void> {
    const file = this.path(key);
    await rm(file, { force: true });
    await rm(`${file}.meta.json`, { force: true });
  }

  async expire(prefix: string, before: Date): Promise<string[]> {
    const start = this.path(prefix.replace(/\/+$/, ''));
    const gone: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (!entry.name.endsWith('.meta.json') && !entry.name.includes('.partial-') && (await stat(full)).mtime < before) {
          const key = relative(this.root, full).split(sep).join('/');
          await this.delete(key);
          gone.push(key);
        }
      }
    };
    await walk(start);
    return gone.sort();
  }

  async downloadUrl(key: string, expiresInSec: number): Promise<string> {
    const expires = Math.floor(Date.now() / 1000) + expiresInSec;
    const q = new URLSearchParams({ key: checkKey(key), expires: String(expires), signature: this.sign(key, expires) });
    return `${this.publicBase}/api/v1/files?${q}`;
  }

  /** Whether a link's signature is ours for this key and has not expired. */
  verify(key: string, expires: number, signature: string): 'ok' | 'expired' | 'invalid' {
    if (!Number.isSafeInteger(expires) || expires < 0 || !safeEqual(this.sign(key, expires), signature)) return 'invalid';
    return expires * 1000 < Date.now() ? 'expired' : 'ok';
  }

  private sign(key: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${key}\n${expires}`).digest('base64url');
  }
}
