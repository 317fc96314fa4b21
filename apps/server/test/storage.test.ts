import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const CSV_TYPE = 'text/csv; charset=utf-8';
const NAME = 'Факт против плана — март.csv';
const body = '\ufeffДата;Расход\n2027-03-01;1 234,50\n';
const text = async (stream: Readable) => {
  const parts: Buffer[] = [];
  for await (const p of stream) parts.push(Buffer.from(p));
  return Buffer.concat(parts).toString('utf8');
};

// The S3 backend against an S3 server on loopback: what a report download goes through in production.
describe('object storage on S3', () => {
  let server: { close(): Promise<void> };
  let store: any;
  beforeAll(async () => {
    const S3rver = (await import('s3rver')).default;
    const dir = mkdtempSync(join(tmpdir(), 'mrm-s3-'));
    const s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: 'mrm-reports', configs: [] }] });
    const { port } = (await s3.run()) as { port: number };
    server = s3;
    const { openObjectStore } = await import('../dist/storage/settings.js');
    store = openObjectStore({ S3_BUCKET: 'mrm-reports', S3_ENDPOINT: `http://127.0.0.1:${port}`, S3_FORCE_PATH_STYLE: 'true', S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_REGION: 'us-east-1' }, dir, 'http://unused');
    expect(store.kind).toBe('s3');
  });
  afterAll(async () => {
    store?.destroy();
    await server?.close();
  });

  it('streams a file in and out, and a presigned link downloads it under its Russian name', async () => {
    await store.put('reports/t1/one.csv', Readable.from([Buffer.from(body)]), { contentType: CSV_TYPE, filename: NAME });
    const file = await store.get('reports/t1/one.csv');
    expect(file.contentType).toBe(CSV_TYPE);
    expect(await text(file.body)).toBe(body);
    const res = await fetch(await store.downloadUrl('reports/t1/one.csv', 60));
    expect(res.status).toBe(200);
    // Bytes, not text(): the BOM that lets Excel read Russian must arrive too.
    expect(Buffer.from(await res.arrayBuffer()).toString('utf8')).toBe(body);
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(NAME)}`);
    expect(await store.get('reports/t1/missing.csv')).toBeNull();
  });

  it('deletes by retention only what was written before the cut-off, and only under the prefix', async () => {
    await store.put('reports/t2/old.csv', Buffer.from('old'), { contentType: CSV_TYPE, filename: 'old.csv' });
    await store.put('uploads/t2/kept.csv', Buffer.from('kept'), { contentType: CSV_TYPE, filename: 'kept.csv' });
    await new Promise((r) => setTimeout(r, 1100)); // S3 times have one-second precision
    const cutoff = new Date();
    await new Promise((r) => setTimeout(r, 1100));
    await store.put('reports/t2/new.csv', Buffer.from('new'), { contentType: CSV_TYPE, filename: 'new.csv' });
    expect(await store.expire('reports/t2/', cutoff)).toEqual(['reports/t2/old.csv']);
    expect(await store.get('reports/t2/old.csv')).toBeNull();
    expect(await text((await store.get('reports/t2/new.csv')).body)).toBe('new');
    expect(await text((await store.get('uploads/t2/kept.csv')).body)).toBe('kept');
  });

  it('refuses keys that could climb out of their folder', async () => {
    for (const key of ['../etc/passwd', '/abs', 'a//b', 'a/./b', 'a b']) await expect(store.put(key, Buffer.from('x'), { contentType: CSV_TYPE, filename: 'x' })).rejects.toThrow('not an object key');
  });
});

// The embedded default: files in the data folder, links signed by the API and served by it.
describe('object storage in a local folder, downloaded through signed links', () => {
  let base: string;
  let store: any;
  beforeAll(async () => {
    const { url, logFile } = inject('backends').pglite;
    base = url;
    const dataDir = join(dirname(logFile), 'data');
    const { LocalObjectStore } = await import('../dist/storage/local-store.js');
    // The same folder and secret as the running server, as a worker writing a report would have.
    store = new LocalObjectStore(join(dataDir, 'objects'), readFileSync(join(dataDir, 'file-link-secret'), 'utf8').trim(), url);
  });

  it('serves the file to whoever holds the link, with its type and Russian name, and nothing else', async () => {
    await store.put('reports/local/one.csv', Readable.from([Buffer.from(body)]), { contentType: CSV_TYPE, filename: NAME });
    const link = await store.downloadUrl('reports/local/one.csv', 60);
    expect(link.startsWith(`${base}/api/v1/files?key=reports%2Flocal%2Fone.csv&`)).toBe(true);
    const res = await fetch(link);
    expect(res.status).toBe(200);
    // Bytes, not text(): the BOM that lets Excel read Russian must arrive too.
    expect(Buffer.from(await res.arrayBuffer()).toString('utf8')).toBe(body);
    expect(res.headers.get('content-type')).toBe(CSV_TYPE);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${NAME.normalize('NFKD').replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(NAME)}`);

    const problem = async (url: string, status: number, field: string) => {
      const r = await fetch(url);
      expect(r.status, url).toBe(status);
      expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect((await r.json()).errors.map((e: { field: string }) => e.field)).toContain(field);
    };
    // The same signature does not open another file, and a changed expiry breaks it.
    await store.put('reports/local/other.csv', Buffer.from('secret'), { contentType: CSV_TYPE, filename: 'other.csv' });
    await problem(link.replace('one.csv', 'other.csv'), 403, 'signature');
    await problem(link.replace(/expires=\d+/, 'expires=9999999999'), 403, 'signature');
    await problem(`${base}/api/v1/files?key=reports/local/one.csv`, 400, 'expires');
    await problem(link.replace('key=reports', 'key=..%2Freports'), 400, 'key');
    await problem(await store.downloadUrl('reports/local/one.csv', -5), 410, 'expires');
    await store.delete('reports/local/one.csv');
    await problem(link, 404, 'key');
  });

  it('expires old files by retention and keeps the rest', async () => {
    const { utimesSync } = await import('node:fs');
    await store.put('reports/ret/old.csv', Buffer.from('old'), { contentType: CSV_TYPE, filename: 'old.csv' });
    await store.put('reports/ret/new.csv', Buffer.from('new'), { contentType: CSV_TYPE, filename: 'new.csv' });
    const { logFile } = inject('backends').pglite;
    const past = new Date(Date.now() - 40 * 86_400_000);
    utimesSync(join(dirname(logFile), 'data', 'objects', 'reports', 'ret', 'old.csv'), past, past);
    expect(await store.expire('reports/ret/', new Date(Date.now() - 30 * 86_400_000))).toEqual(['reports/ret/old.csv']);
    expect(await store.get('reports/ret/old.csv')).toBeNull();
    expect(await store.get('reports/ret/new.csv')).not.toBeNull();
  });
});
