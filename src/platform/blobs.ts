/**
 * The blob store: files addressed by the SHA-256 of their content, so the same file stored twice
 * is kept once and a stored file cannot change under its address. A local folder by default
 * (`${DATA_DIR}/blobs/ab/cd/<sha256>`, or BLOB_DIR), an S3-compatible bucket (AWS, MinIO...)
 * with BLOB_BACKEND=s3. The database keeps the address, name and type next to the business row.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Ctx } from './context';
import { EMPTY_SHA256, signV4, uriEncode } from './sigv4';
import { sniffType, UPLOAD_TYPES } from './upload-check';

export { checkUpload, sanitizeFileName, sniffType, UPLOAD_TYPES, type CheckedUpload, type UploadKind } from './upload-check';

export interface BlobMeta {
  /** The type recorded with the blob (default: sniffed from the content, else application/octet-stream). */
  mime?: string;
}

export interface StoredBlob {
  sha256: string;
  size: number;
  mime: string;
}

export interface BlobStore {
  put(bytes: Uint8Array, meta?: BlobMeta): Promise<StoredBlob>;
  /** The bytes, or null when there is no such blob. */
  get(sha256: string): Promise<Buffer | null>;
  has(sha256: string): Promise<boolean>;
}

const SHA = /^[0-9a-f]{64}$/;

export function isSha256(s: string): boolean {
  return typeof s === 'string' && SHA.test(s);
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `ab/cd/abcd...`: two levels of folders keep each folder small. */
export function blobKey(sha256: string): string {
  if (!isSha256(sha256)) throw new Error(`not a SHA-256 address: ${JSON.stringify(sha256)}`);
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

function describe(bytes: Uint8Array, meta?: BlobMeta): StoredBlob {
  const kind = sniffType(bytes);
  return { sha256: sha256Of(bytes), size: bytes.length, mime: meta?.mime ?? (kind ? UPLOAD_TYPES[kind].mime : 'application/octet-stream') };
}

/** Files in a folder; writes go to a temporary file renamed into place (never half a blob). */
export function localBlobStore(dir: string): BlobStore {
  const root = resolve(dir);
  const pathOf = (sha: string) => join(root, ...blobKey(sha).split('/'));
  return {
    async put(bytes, meta) {
      const d = describe(bytes, meta);
      const path = pathOf(d.sha256);
      if (await exists(path)) return d;
      await mkdir(join(path, '..'), { recursive: true });
      const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await writeFile(tmp, bytes, { flag: 'wx' });
        await rename(tmp, path);
      } catch (err) {
        await unlink(tmp).catch(() => {});
        throw err;
      }
      return d;
    },
    async get(sha) {
      if (!isSha256(sha)) return null;
      try {
        return await readFile(pathOf(sha));
      } catch (err: any) {
        if (err?.code === 'ENOENT') return null;
        throw err;
      }
    },
    async has(sha) {
      return isSha256(sha) && (await exists(pathOf(sha)));
    },
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err: any) {
    if (err?.code === 'ENOENT') return false;
    throw err;
  }
}

export interface S3Settings {
  /** e.g. https://s3.ap-southeast-1.amazonaws.com or http://minio:9000 (path-style addressing). */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Key prefix inside the bucket (default "blobs/"). */
  prefix?: string;
  fetch?: typeof fetch;
  now?: () => Date;
}

/** An S3-compatible bucket, signed with SigV4, plain fetch. */
export function s3BlobStore(s: S3Settings): BlobStore {
  const doFetch = s.fetch ?? fetch;
  const now = s.now ?? (() => new Date());
  const base = s.endpoint.replace(/\/+$/, '');
  const prefix = s.prefix ?? 'blobs/';
  const cred = { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey, region: s.region, service: 's3' };
  const urlOf = (sha: string) => `${base}/${uriEncode(s.bucket)}/${uriEncode(prefix + blobKey(sha), true)}`;

  async function send(method: string, url: string, body?: Uint8Array, payloadHash = EMPTY_SHA256, extra: Record<string, string> = {}) {
    const signed = signV4({ method, url, headers: extra, payloadHash, at: now() }, cred);
    const { host: _host, ...headers } = signed; // fetch sets Host from the URL (the same value)
    return doFetch(url, { method, headers, body: body as any });
  }
  const fail = async (what: string, res: Response) => {
    const text = await res.text().catch(() => '');
    return new Error(`S3 ${what} failed: HTTP ${res.status} ${text.slice(0, 300)}`);
  };

  const store: BlobStore = {
    async put(bytes, meta) {
      const d = describe(bytes, meta);
      if (await store.has(d.sha256)) return d;
      const res = await send('PUT', urlOf(d.sha256), bytes, d.sha256, { 'content-type': d.mime, 'content-length': String(bytes.length) });
      if (!res.ok) throw await fail(`PUT ${d.sha256}`, res);
      await res.arrayBuffer().catch(() => undefined);
      return d;
    },
    async get(sha) {
      if (!isSha256(sha)) return null;
      const res = await send('GET', urlOf(sha));
      if (res.status === 404) return null;
      if (!res.ok) throw await fail(`GET ${sha}`, res);
      return Buffer.from(await res.arrayBuffer());
    },
    async has(sha) {
      if (!isSha256(sha)) return false;
      const res = await send('HEAD', urlOf(sha));
      if (res.status === 404) return false;
      if (!res.ok) throw await fail(`HEAD ${sha}`, res);
      return true;
    },
  };
  return store;
}

const cache = new WeakMap<object, BlobStore>();

/** The store the settings choose (one per configuration). */
export function blobStore(ctx: Pick<Ctx, 'config'>): BlobStore {
  const c = ctx.config;
  let store = cache.get(c);
  if (store) return store;
  if (c.BLOB_BACKEND === 's3') {
    store = s3BlobStore({
      endpoint: c.S3_ENDPOINT!,
      bucket: c.S3_BUCKET!,
      region: c.S3_REGION,
      accessKeyId: c.S3_ACCESS_KEY_ID!,
      secretAccessKey: c.S3_SECRET_ACCESS_KEY!,
    });
  } else {
    store = localBlobStore(c.BLOB_DIR ?? join(c.DATA_DIR, 'blobs'));
  }
  cache.set(c, store);
  return store;
}
