/**
 * A detached CMS SignedData (RFC 5652) over a document digest, as a remote-signing gateway
 * makes it: the client sends only the SHA-256 of the PDF's signed byte ranges. Signed
 * attributes: content-type, signing-time, message-digest and ESS signing-certificate-v2
 * (RFC 5035; what CAdES/PAdES baseline signatures carry).
 */
import { createHash } from 'node:crypto';
import forge from 'node-forge';
import type { KeyAndCert } from './ca';

const { asn1, pki } = forge;
const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
};

const seq = (v: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, v);
const set = (v: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, v);
const oid = (o: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(o).getBytes());
const octets = (b: Buffer) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, b.toString('binary'));
const int = (n: number) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(n).getBytes());
const algo = (o: string) => seq([oid(o), asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '')]);
const attr = (o: string, value: forge.asn1.Asn1) => seq([oid(o), set([value])]);

/** The issuer Name and serial INTEGER exactly as encoded in the certificate (re-encoding through forge would alter UTF-8 names). */
function certFields(certPem: string): { issuer: forge.asn1.Asn1; serial: forge.asn1.Asn1 } {
  const tbs = (asn1.fromDer(pki.pemToDer(certPem)).value as forge.asn1.Asn1[])[0].value as forge.asn1.Asn1[];
  return { serial: tbs[1], issuer: tbs[3] };
}

export interface CmsInput {
  signer: KeyAndCert;
  /** Certificates to include after the signer's (the chain). */
  chain?: string[];
  /** SHA-256 of the signed content. */
  digest: Buffer;
  signingTime: Date;
}

/** DER bytes of a ContentInfo holding the SignedData. */
export function buildDetachedCms(input: CmsInput): Buffer {
  if (input.digest.length !== 32) throw new Error('digest must be a SHA-256 (32 bytes)');
  const key = pki.privateKeyFromPem(input.signer.keyPem);
  const certDer = Buffer.from(pki.pemToDer(input.signer.certPem).getBytes(), 'binary');
  const { issuer, serial } = certFields(input.signer.certPem);
  const generalNames = seq([asn1.create(asn1.Class.CONTEXT_SPECIFIC, 4, true, [issuer])]);
  const essCertIdV2 = seq([octets(createHash('sha256').update(certDer).digest()), seq([generalNames, serial])]);
  const attrs = [
    attr(OID.contentType, oid(OID.data)),
    attr(OID.signingTime, asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTCTIME, false, asn1.dateToUtcTime(input.signingTime))),
    attr(OID.messageDigest, octets(input.digest)),
    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } (hashAlgorithm defaults to SHA-256)
    attr(OID.signingCertificateV2, seq([seq([essCertIdV2])])),
  ];
  const toSign = asn1.toDer(set(attrs)).getBytes();
  const md = forge.md.sha256.create();
  md.update(toSign);
  const signature = Buffer.from(key.sign(md), 'binary');
  const signerInfo = seq([
    int(1),
    seq([issuer, serial]),
    algo(OID.sha256),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, attrs),
    algo(OID.rsaEncryption),
    octets(signature),
  ]);
  const certs = [input.signer.certPem, ...(input.chain ?? [])].map((p) => asn1.fromDer(pki.pemToDer(p)));
  const signedData = seq([int(1), set([algo(OID.sha256)]), seq([oid(OID.data)]), asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, certs), set([signerInfo])]);
  const contentInfo = seq([oid(OID.signedData), asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [signedData])]);
  return Buffer.from(asn1.toDer(contentInfo).getBytes(), 'binary');
}
