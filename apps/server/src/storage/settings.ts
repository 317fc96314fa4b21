import { join } from 'node:path';
import { z } from 'zod';
import { localSecret } from '../common/local-secret.js';
import { LocalObjectStore } from './local-store.js';
import type { ObjectStore } from './object-store.js';
import { S3ObjectStore } from './s3-store.js';

const Env = z.object({
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name (3–63 lower-case letters, digits, dots, hyphens)').optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ENDPOINT: z.url({ message: 'an http(s):// URL' }).optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  FILE_LINK_SECRET: z.string().min(32, 'at least 32 characters').optional(),
});

export class StorageConfigError extends Error {}

/**
 * S3 when S3_BUCKET is set (with S3_ENDPOINT and S3_FORCE_PATH_STYLE=true for MinIO and the like);
 * otherwise the local folder `<MRM_DATA_DIR>/objects`, whose links the API itself signs and serves.
 */
export function storageEnv(env: NodeJS.ProcessEnv): z.infer<typeof Env> {
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StorageConfigError(`Configuration error: ${String(issue.path[0])} — ${issue.message}`);
  }
  if (Boolean(parsed.data.S3_ACCESS_KEY_ID) !== Boolean(parsed.data.S3_SECRET_ACCESS_KEY)) throw new StorageConfigError('Configuration error: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together');
  return parsed.data;
}

export function openObjectStore(env: NodeJS.ProcessEnv, dataDir: string, publicBase: string): ObjectStore {
  const e = storageEnv(env);
  if (e.S3_BUCKET) {
    return new S3ObjectStore({ bucket: e.S3_BUCKET, region: e.S3_REGION, endpoint: e.S3_ENDPOINT, forcePathStyle: e.S3_FORCE_PATH_STYLE === 'true', accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY });
  }
  return new LocalObjectStore(join(dataDir, 'objects'), e.FILE_LINK_SECRET ?? localSecret(dataDir, 'file-link-secret', 32, 'base64url'), publicBase);
}
