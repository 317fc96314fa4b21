// Connector credentials at rest: AES-256-GCM under a key named by id, so keys can be rotated — new
// writes use the first key of CREDENTIALS_KEYS, older rows still open with the key they name. The
// row's tenant and id are the additional data: a ciphertext copied to another row does not open.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Config } from '../config/config.js';
import { localSecret } from '../common/local-secret.js';

export interface Sealed {
  keyId: string;
  blob: string;
}

export class CredentialsCipher {
  private constructor(private readonly keys: Map<string, Buffer>, private readonly current: string) {}

  /** From CREDENTIALS_KEYS; in embedded mode without it, a key generated once into the data folder. */
  static fromConfig(config: Config): CredentialsCipher {
    const spec = config.CREDENTIALS_KEYS ?? `local-1:${localSecret(config.MRM_DATA_DIR, 'credentials-key', 32, 'base64')}`;
    const pairs = spec.split(',').map((p) => p.split(':') as [string, string]);
    return new CredentialsCipher(new Map(pairs.map(([id, key]) => [id, Buffer.from(key, 'base64')])), pairs[0][0]);
  }

  seal(value: unknown, context: string): Sealed {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.current)!, iv);
    cipher.setAAD(Buffer.from(context));
    const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return { keyId: this.current, blob: Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64') };
  }

  open<T>(sealed: Sealed, context: string): T {
    const key = this.keys.get(sealed.keyId);
    if (!key) throw new Error(`credentials were sealed with key "${sealed.keyId}", which CREDENTIALS_KEYS no longer holds`);
    const raw = Buffer.from(sealed.blob, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(raw.subarray(12, 28));
    return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as T;
  }
}

/** What the sealed credentials of one connection are bound to. */
export const sealContext = (tenantId: string, connectionId: string) => `${tenantId}/${connectionId}`;
