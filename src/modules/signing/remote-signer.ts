/**
 * The eSign gateway adapter (remote signing, "ký số từ xa"): the portal prepares the PDF with an
 * empty signature field, sends only the SHA-256 of the bytes to be signed, the signer confirms
 * on their device, and the gateway returns a detached CMS that is embedded in the field.
 *
 *   POST /v1/signatures            {signer, reason, documentName, hashAlgorithm, documentHash}
 *                                  -> 202 {transactionId, status: "WAITING_CONFIRMATION"}
 *   GET  /v1/signatures/:id        -> {status: WAITING_CONFIRMATION | SIGNED | REJECTED | EXPIRED, signature?, certificate?}
 * Authenticated with `Authorization: Bearer <client secret>` and `X-Client-Id`.
 */
import { createHash } from 'node:crypto';
// The named class, not the default export: Node's ESM loader (npm start) gives a CommonJS module's
// exports object as the default, where vitest gives its `default` - `signpdf.sign` was undefined outside tests.
import { SignPdf } from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import type { RemoteSigner, SignerInfo } from './model';
import { addSignatureField } from './prepare';
import type { MessageKey } from '../../platform/i18n/keys';

export { addSignatureField } from './prepare';

export interface GatewaySettings {
  url: string;
  clientId: string;
  clientSecret: string;
  /** How long to wait for the signer's confirmation (default 120 s). */
  timeoutMs?: number;
  pollMs?: number;
}

export class SigningError extends Error {
  constructor(
    public readonly key: MessageKey,
    message: string,
  ) {
    super(message);
  }
}

async function call(s: GatewaySettings, method: string, path: string, body?: unknown): Promise<any> {
  let res: Response;
  try {
    res = await fetch(`${s.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${s.clientSecret}`, 'x-client-id': s.clientId, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(15_000),
    });
  } catch (e) {
    // Refused, reset or timed out: the gateway's fault, answered 502 - not the database's 503 (its cause carries ECONNREFUSED).
    throw new SigningError(
      'signing.gateway_error',
      `eSign gateway ${method} ${path}: ${(e as Error).message} (${String((e as { cause?: { code?: unknown } }).cause?.code ?? '')})`,
    );
  }
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new SigningError('signing.gateway_error', `eSign gateway ${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Asks the gateway to sign a digest; waits for the signer's confirmation; returns the CMS (DER). */
export async function signDigest(s: GatewaySettings, digest: Buffer, signer: SignerInfo, reason: string, documentName: string): Promise<Buffer> {
  const created = await call(s, 'POST', '/v1/signatures', { signer, reason, documentName, hashAlgorithm: 'SHA-256', documentHash: digest.toString('base64') });
  const id = encodeURIComponent(String(created.transactionId));
  const deadline = Date.now() + (s.timeoutMs ?? 120_000);
  for (;;) {
    const st = await call(s, 'GET', `/v1/signatures/${id}`);
    if (st.status === 'SIGNED' && typeof st.signature === 'string') return Buffer.from(st.signature, 'base64');
    if (st.status === 'REJECTED') throw new SigningError('signing.rejected', 'the signer rejected the request');
    if (st.status === 'EXPIRED' || Date.now() > deadline) throw new SigningError('signing.timeout', 'the signer did not confirm in time');
    await new Promise((r) => setTimeout(r, s.pollMs ?? 100));
  }
}

class GatewaySigner extends Signer {
  constructor(
    private s: GatewaySettings,
    private who: SignerInfo,
    private reason: string,
    private documentName: string,
  ) {
    super();
  }
  override async sign(content: Buffer): Promise<Buffer> {
    return signDigest(this.s, createHash('sha256').update(content).digest(), this.who, this.reason, this.documentName);
  }
}

/** A RemoteSigner over an eSign gateway speaking the protocol above (the sandbox or a real one). */
export function gatewaySigner(s: GatewaySettings): RemoteSigner {
  return {
    async sign(pdf, who, reason) {
      const prepared = await addSignatureField(pdf, who, reason);
      return new SignPdf().sign(prepared, new GatewaySigner(s, who, reason, 'document.pdf'));
    },
  };
}
