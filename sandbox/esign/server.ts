/**
 * Sandbox eSign gateway: a remote-signing service shaped like the commercial ones (sign a
 * document hash, the signer confirms on their phone, fetch the result). Signers get a
 * certificate from the sandbox CA on first use. Confirmation is automatic after
 * `autoConfirmMs` (default 150 ms), or manual through POST /v1/signatures/:id/confirm|reject
 * when autoConfirmMs is null. Not a real CA or a real gateway: for demo, development and tests.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { openSandboxCa, type SandboxCa, type SignerIdentity } from './ca';
import { buildDetachedCms } from './cms';
import { listen, readBody, sendJson } from './http';

export interface SandboxEsignOptions {
  port: number;
  host?: string;
  /** Folder of the sandbox CA (DATA_DIR/sandbox-ca). */
  caDir: string;
  clientId: string;
  clientSecret: string;
  /** Milliseconds before the signer "confirms" on their device; null: wait for the confirm endpoint. */
  autoConfirmMs?: number | null;
}

export interface SandboxEsignHandle {
  url: string;
  ca: SandboxCa;
  /** Requests received, newest last (for tests). */
  requests: { transactionId: string; signer: SignerIdentity; reason: string; status: string }[];
  close(): Promise<void>;
}

interface Pending {
  transactionId: string;
  signer: SignerIdentity;
  reason: string;
  digest: Buffer;
  status: 'WAITING_CONFIRMATION' | 'SIGNED' | 'REJECTED' | 'EXPIRED';
  createdAt: number;
  signature?: string;
  certificate?: string;
}

const EXPIRES_MS = 5 * 60_000;

function sameSecret(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startSandboxEsign(opts: SandboxEsignOptions): Promise<SandboxEsignHandle> {
  const ca = openSandboxCa(opts.caDir);
  const txs = new Map<string, Pending>();
  const requests: SandboxEsignHandle['requests'] = [];
  const autoMs = opts.autoConfirmMs === undefined ? 150 : opts.autoConfirmMs;

  function confirm(p: Pending) {
    if (p.status !== 'WAITING_CONFIRMATION') return;
    const kc = ca.signerCert(p.signer);
    p.signature = buildDetachedCms({ signer: kc, chain: [ca.root.certPem], digest: p.digest, signingTime: new Date() }).toString('base64');
    p.certificate = kc.certPem;
    p.status = 'SIGNED';
    const r = requests.find((x) => x.transactionId === p.transactionId);
    if (r) r.status = p.status;
  }

  const l = await listen(opts.port, opts.host ?? '127.0.0.1', async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    if (req.method === 'GET' && url.pathname === '/v1/ca.pem') {
      res.writeHead(200, { 'content-type': 'application/x-pem-file' });
      res.end(ca.root.certPem);
      return;
    }
    const auth = req.headers.authorization ?? '';
    if (!sameSecret(auth, `Bearer ${opts.clientSecret}`) || req.headers['x-client-id'] !== opts.clientId) return sendJson(res, 401, { error: 'unauthorized' });
    if (req.method === 'POST' && url.pathname === '/v1/signatures') {
      let body: any;
      try {
        body = JSON.parse(await readBody(req));
      } catch {
        return sendJson(res, 400, { error: 'bad_json' });
      }
      const digest = Buffer.from(String(body?.documentHash ?? ''), 'base64');
      const s = body?.signer;
      if (body?.hashAlgorithm !== 'SHA-256' || digest.length !== 32 || !s?.name) return sendJson(res, 400, { error: 'bad_request' });
      const signer: SignerIdentity = {
        id: String(s.id ?? s.name),
        name: String(s.name),
        title: s.title ? String(s.title) : undefined,
        unit: s.unit ? String(s.unit) : undefined,
      };
      const p: Pending = {
        transactionId: randomUUID(),
        signer,
        reason: String(body.reason ?? ''),
        digest,
        status: 'WAITING_CONFIRMATION',
        createdAt: Date.now(),
      };
      txs.set(p.transactionId, p);
      requests.push({ transactionId: p.transactionId, signer, reason: p.reason, status: p.status });
      if (autoMs !== null) setTimeout(() => confirm(p), autoMs).unref();
      return sendJson(res, 202, { transactionId: p.transactionId, status: p.status, expiresAt: new Date(p.createdAt + EXPIRES_MS).toISOString() });
    }
    const m = /^\/v1\/signatures\/([^/]+)(?:\/(confirm|reject))?$/.exec(url.pathname);
    const p = m ? txs.get(decodeURIComponent(m[1])) : undefined;
    if (!m || !p) return sendJson(res, 404, { error: 'not_found' });
    if (p.status === 'WAITING_CONFIRMATION' && Date.now() - p.createdAt > EXPIRES_MS) p.status = 'EXPIRED';
    if (req.method === 'POST' && m[2] === 'confirm') confirm(p);
    else if (req.method === 'POST' && m[2] === 'reject' && p.status === 'WAITING_CONFIRMATION') p.status = 'REJECTED';
    else if (req.method !== 'GET' || m[2]) return sendJson(res, 405, { error: 'method_not_allowed' });
    return sendJson(res, 200, {
      transactionId: p.transactionId,
      status: p.status,
      ...(p.signature ? { signature: p.signature, certificate: p.certificate } : {}),
    });
  });
  return { url: l.url, ca, requests, close: l.close };
}

/** Where the sandbox CA lives for a data folder. */
export const sandboxCaDir = (dataDir: string) => join(dataDir, 'sandbox-ca');
