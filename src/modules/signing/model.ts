/** Types of the signing module (no I/O). */
import type { MessageKey } from '../../platform/i18n';

/** Who signs: an officer (the leader who approves a result or a certified copy). */
export interface SignerInfo {
  /** Stable id (the officer id): the gateway keeps one certificate per signer. */
  id?: string;
  name: string;
  title: string;
  unit: string;
}

/** The remote-signing adapter: the document goes in, the same document with a PAdES-style signature comes out. */
export interface RemoteSigner {
  sign(pdf: Buffer, signer: SignerInfo, reason: string): Promise<Buffer>;
}

/** The check of one signature in a PDF. */
export interface SignatureCheck {
  signerName: string;
  /** The signer certificate's subject, one attribute a line (C=VN, O=..., CN=...). */
  signerSubject: string;
  issuer: string;
  signedAt: string | null;
  reason: string | null;
  /** The signature is mathematically correct and the signed bytes are unchanged. */
  valid: boolean;
  /** The signature covers the whole file (nothing was appended after signing). */
  coversWholeDocument: boolean;
  /** The certificate chains to a trusted root and was valid when it signed. */
  trusted: boolean;
  /** Keys of messages explaining what is wrong, if anything. */
  problems: MessageKey[];
}

/** The Common Name of a subject printed one attribute a line. */
export function commonName(subject: string): string {
  const line = subject.split('\n').find((l) => l.startsWith('CN='));
  return line ? line.slice(3) : subject;
}
