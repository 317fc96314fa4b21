import type { Readable } from 'node:stream';

export interface PutOptions {
  contentType: string;
  /** The name a browser saves the download under (Cyrillic is fine). */
  filename: string;
}

export interface StoredFile {
  body: Readable;
  size: number;
  contentType: string;
  /** A ready Content-Disposition header value. */
  disposition: string;
}

/**
 * Where generated files (reports, kept uploads, backups) live: a local folder in the embedded mode,
 * an S3 bucket otherwise. Bodies stream both ways, so a large report never sits whole in memory.
 */
export interface ObjectStore {
  readonly kind: 'local' | 's3';
  put(key: string, body: Readable | Buffer, opts: PutOptions): Promise<void>;
  /** null when there is no such object. */
  get(key: string): Promise<StoredFile | null>;
  delete(key: string): Promise<void>;
  /** Deletes the objects under `prefix` last written before `before`; returns their keys. */
  expire(prefix: string, before: Date): Promise<string[]>;
  /** A link a browser can download the object from, without signing in, until it expires. */
  downloadUrl(key: string, expiresInSec: number): Promise<string>;
}

export const OBJECT_KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,511}$/;

/** Keys are paths we make ourselves; anything else (.., a leading slash, spaces) is refused. */
export function checkKey(key: string): string {
  if (!OBJECT_KEY.test(key) || key.split('/').some((part) => part === '' || part === '.' || part === '..')) throw new RangeError(`not an object key: ${JSON.stringify(key)}`);
  return key;
}

/** RFC 6266 / 5987: an ASCII fallback for old clients and the real (Cyrillic) name for the rest. */
export function attachment(filename: string): string {
  const safe = filename.replace(/[\\/:*?"<>|\r\n]+/g, ' ').trim() || 'download';
  const ascii = safe.normalize('NFKD').replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(safe)}`;
}
