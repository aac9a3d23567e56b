/**
 * Verifies the signatures in a PDF, independently of who made them: every /ByteRange + /Contents
 * pair is a detached CMS SignedData; the message digest must equal the hash of the signed
 * ranges, the signature must verify over the signed attributes with the signer's certificate,
 * and the certificate must chain (through the certificates in the CMS) to a trusted root.
 */
import { createHash, verify as verifySig, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import type { MessageKey } from '../../platform/i18n';
import { commonName, type SignatureCheck } from './model';

const { asn1 } = forge;
type Node = forge.asn1.Asn1;

const HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';

interface RawSignature {
  byteRange: [number, number, number, number];
  contents: Buffer;
  dictionary: string;
}

/** Every signature field's byte range and contents, in file order. */
export function findSignatures(pdf: Buffer): RawSignature[] {
  const text = pdf.toString('latin1');
  const out: RawSignature[] = [];
  const re = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const br = m.slice(1, 5).map(Number) as [number, number, number, number];
    if (br[1] >= br[2] || br[2] + br[3] > pdf.length) continue;
    const hex = text.slice(br[1], br[2]).replace(/^</, '').replace(/>$/, '');
    if (!/^[0-9a-fA-F]*$/.test(hex)) continue;
    const dictStart = text.lastIndexOf('<<', m.index);
    const dictEnd = text.indexOf('>>', br[2]);
    out.push({ byteRange: br, contents: Buffer.from(hex, 'hex'), dictionary: text.slice(Math.max(0, dictStart), dictEnd > 0 ? dictEnd + 2 : br[2]) });
  }
  return out;
}

const der = (n: Node) => Buffer.from(asn1.toDer(n).getBytes(), 'binary');
const oidOf = (n: Node) => asn1.derToOid(n.value as string);
const isCtx = (n: Node, tag: number) => n.tagClass === asn1.Class.CONTEXT_SPECIFIC && n.type === tag;

function parseTime(n: Node): Date | null {
  try {
    return n.type === asn1.Type.UTCTIME ? asn1.utcTimeToDate(n.value as string) : asn1.generalizedTimeToDate(n.value as string);
  } catch {
    return null;
  }
}

/** Date of a PDF string such as (D:20260310093000+07'00'). */
function pdfDate(dict: string): Date | null {
  const m = /\/M\s*\(D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})([Z+-])?(\d{2})?'?(\d{2})?/.exec(dict);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, sign, oh, om] = m;
  let t = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  if (sign === '+' || sign === '-') t -= (sign === '+' ? 1 : -1) * (+(oh ?? 0) * 60 + +(om ?? 0)) * 60_000;
  return new Date(t);
}

function pdfString(dict: string, key: string): string | null {
  const hex = new RegExp(`/${key}\\s*<([0-9a-fA-F\\s]*)>`).exec(dict);
  if (hex) {
    const b = Buffer.from(hex[1].replace(/\s+/g, ''), 'hex');
    if (b[0] === 0xfe && b[1] === 0xff)
      return Buffer.from(b.subarray(2, 2 + ((b.length - 2) & ~1)))
        .swap16()
        .toString('utf16le');
    return b.toString('latin1');
  }
  const m = new RegExp(`/${key}\\s*\\(((?:\\\\.|[^\\\\)])*)\\)`).exec(dict);
  if (!m) return null;
  const raw = m[1].replace(/\\([()\\])/g, '$1');
  let bytes = Buffer.from(raw, 'latin1');
  // Some writers store the UTF-16 string's bytes UTF-8 encoded (C3 BE C3 BF for FE FF): undo that first.
  if (bytes[0] === 0xc3 && bytes[1] === 0xbe && bytes[2] === 0xc3 && bytes[3] === 0xbf) bytes = Buffer.from(bytes.toString('utf8'), 'latin1');
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)))
      .swap16()
      .toString('utf16le');
  return raw;
}

function hasTrailingOnlyWhitespace(pdf: Buffer, from: number): boolean {
  for (let i = from; i < pdf.length; i++) if (![0x0a, 0x0d, 0x20, 0x00].includes(pdf[i])) return false;
  return true;
}

/** Does `cert` chain to one of `roots` through `pool`, each certificate valid at `at`? */
function chainsTo(cert: X509Certificate, pool: X509Certificate[], roots: X509Certificate[], at: Date): boolean {
  const validAt = (c: X509Certificate) => new Date(c.validFrom) <= at && at <= new Date(c.validTo);
  let current = cert;
  for (let depth = 0; depth < 6; depth++) {
    if (!validAt(current)) return false;
    const root = roots.find((r) => current.checkIssued(r) && current.verify(r.publicKey));
    if (root) return validAt(root);
    if (roots.some((r) => r.fingerprint256 === current.fingerprint256)) return true;
    const next = pool.find((c) => c !== current && current.checkIssued(c) && current.verify(c.publicKey));
    if (!next || next.fingerprint256 === current.fingerprint256) return false;
    current = next;
  }
  return false;
}

function checkOne(pdf: Buffer, sig: RawSignature, roots: X509Certificate[]): SignatureCheck {
  const problems: MessageKey[] = [];
  const [a, b, c, d] = sig.byteRange;
  const coversWholeDocument = a === 0 && (c + d === pdf.length || hasTrailingOnlyWhitespace(pdf, c + d));
  if (!coversWholeDocument) problems.push('signing.problem.partial');
  const result: SignatureCheck = {
    signerName: '',
    signerSubject: '',
    issuer: '',
    signedAt: null,
    reason: pdfString(sig.dictionary, 'Reason'),
    valid: false,
    coversWholeDocument,
    trusted: false,
    problems,
  };
  let signedData: Node;
  try {
    const info = asn1.fromDer(forge.util.createBuffer(sig.contents.toString('binary')), { parseAllBytes: false, strict: false } as any);
    signedData = (info.value as Node[])[1].value[0] as Node;
  } catch {
    problems.push('signing.problem.unreadable');
    return result;
  }
  const parts = signedData.value as Node[];
  const certNode = parts.find((n) => isCtx(n, 0));
  const signerInfos = parts[parts.length - 1].value as Node[];
  const certs: X509Certificate[] = [];
  for (const n of (certNode?.value as Node[] | undefined) ?? []) {
    try {
      certs.push(new X509Certificate(der(n)));
    } catch {
      /* not a certificate we can read */
    }
  }
  const si = signerInfos[0]?.value as Node[] | undefined;
  if (!si) {
    problems.push('signing.problem.unreadable');
    return result;
  }
  const sid = si[1];
  const serialHex =
    sid.type === asn1.Type.SEQUENCE
      ? forge.util
          .bytesToHex((sid.value as Node[])[1].value as string)
          .replace(/^0+/, '')
          .toUpperCase()
      : '';
  const cert = certs.find((x) => x.serialNumber.replace(/^0+/, '').toUpperCase() === serialHex) ?? certs[0];
  if (!cert) {
    problems.push('signing.problem.no_certificate');
    return result;
  }
  result.signerSubject = cert.subject;
  result.signerName = commonName(cert.subject);
  result.issuer = commonName(cert.issuer);
  const hash = HASHES[oidOf((si[2].value as Node[])[0])];
  const attrsNode = si[3] && isCtx(si[3], 0) ? si[3] : undefined;
  const sigIndex = attrsNode ? 5 : 4;
  const signature = Buffer.from(si[sigIndex].value as string, 'binary');
  if (!hash || !attrsNode) {
    problems.push('signing.problem.unsupported');
    return result;
  }
  let messageDigest: Buffer | null = null;
  let signingTime: Date | null = null;
  for (const at of attrsNode.value as Node[]) {
    const [type, values] = at.value as Node[];
    const first = (values.value as Node[])[0];
    if (oidOf(type) === OID_MESSAGE_DIGEST) messageDigest = Buffer.from(first.value as string, 'binary');
    if (oidOf(type) === OID_SIGNING_TIME) signingTime = parseTime(first);
  }
  const signedAt = signingTime ?? pdfDate(sig.dictionary);
  result.signedAt = signedAt ? signedAt.toISOString() : null;
  const content = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  const digestOk = !!messageDigest && createHash(hash).update(content).digest().equals(messageDigest);
  if (!digestOk) problems.push('signing.problem.modified');
  const signedAttrs = der(asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, attrsNode.value as Node[]));
  let sigOk = false;
  try {
    sigOk = verifySig(hash, signedAttrs, cert.publicKey, signature);
  } catch {
    sigOk = false;
  }
  if (!sigOk) problems.push('signing.problem.bad_signature');
  result.valid = digestOk && sigOk;
  result.trusted = result.valid && chainsTo(cert, certs, roots, signedAt ?? new Date());
  if (result.valid && !result.trusted) problems.push('signing.problem.untrusted');
  return result;
}

/** Checks every signature of `pdf` against the trusted roots (PEM certificates). */
export function verifyPdfSignatures(pdf: Buffer, trustedRootsPem: string[]): SignatureCheck[] {
  const roots = trustedRootsPem.map((p) => new X509Certificate(p));
  return findSignatures(pdf).map((s) => checkOne(pdf, s, roots));
}
