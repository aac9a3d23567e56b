/**
 * The sandbox certificate authority: a root CA and one certificate per signer (officer), made
 * with node-forge over keys from node:crypto (fast). Kept under `<dir>` (DATA_DIR/sandbox-ca) so
 * the portal can trust the root and the certificates survive restarts; several processes
 * starting at once agree on one root (the first file linked into place wins).
 * NOT a real CA: the portal trusts it only outside production (config refuses it there).
 */
import { generateKeyPairSync, randomBytes, createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';

export interface KeyAndCert {
  keyPem: string;
  certPem: string;
}

export interface SignerIdentity {
  /** Stable id of the signer (the officer id); one certificate per id. */
  id: string;
  name: string;
  title?: string;
  unit?: string;
}

export interface SandboxCa {
  dir: string;
  root: KeyAndCert;
  /** The signer's key and certificate, issued on first use. */
  signerCert(who: SignerIdentity): KeyAndCert;
}

function newKey(): { keyPem: string; publicKey: forge.pki.PublicKey } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const pubPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { keyPem, publicKey: forge.pki.publicKeyFromPem(pubPem) };
}

const serial = () => '01' + randomBytes(15).toString('hex');

function makeRoot(): KeyAndCert {
  const { keyPem, publicKey } = newKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.UTC(2020, 0, 1));
  cert.validity.notAfter = new Date(Date.UTC(2045, 0, 1));
  const attrs = [
    { shortName: 'C', value: 'VN' },
    { shortName: 'O', value: 'Sandbox eSign (không phải CA thật)' },
    { shortName: 'CN', value: 'Sandbox Root CA - Dịch vụ công' },
  ];
  cert.setSubject(attrs.map((a) => ({ ...a, valueTagClass: forge.asn1.Type.UTF8 as any })));
  cert.setIssuer(attrs.map((a) => ({ ...a, valueTagClass: forge.asn1.Type.UTF8 as any })));
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  return { keyPem, certPem: forge.pki.certificateToPem(cert) };
}

/** A certificate for `who`, issued by `issuer` (any CA key and certificate). */
export function issueSignerCert(issuer: KeyAndCert, who: SignerIdentity, opts: { notBefore?: Date; notAfter?: Date } = {}): KeyAndCert {
  const { keyPem, publicKey } = newKey();
  const ca = forge.pki.certificateFromPem(issuer.certPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = opts.notBefore ?? new Date(Date.UTC(2020, 0, 1));
  cert.validity.notAfter = opts.notAfter ?? new Date(Date.UTC(2040, 0, 1));
  const subject: forge.pki.CertificateField[] = [{ shortName: 'C', value: 'VN' }];
  if (who.unit) subject.push({ shortName: 'O', value: who.unit });
  if (who.title) subject.push({ name: 'title', value: who.title });
  subject.push({ shortName: 'CN', value: who.name });
  subject.push({ name: 'serialNumber', value: `ID:${who.id}` });
  cert.setSubject(subject.map((a) => ({ ...a, valueTagClass: forge.asn1.Type.UTF8 as any })));
  // forge returns UTF8String values as raw bytes: decode them so setIssuer encodes them once.
  cert.setIssuer(
    ca.subject.attributes.map((a) => ({
      type: a.type,
      value: a.valueTagClass === (forge.asn1.Type.UTF8 as any) ? forge.util.decodeUtf8(String(a.value)) : a.value,
      valueTagClass: a.valueTagClass,
    })),
  );
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'extKeyUsage', emailProtection: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(issuer.keyPem), forge.md.sha256.create());
  return { keyPem, certPem: forge.pki.certificateToPem(cert) };
}

/** Writes `file` only if it does not exist yet (atomic: link of a complete temporary file); returns what is on disk. */
function createOnce(file: string, make: () => string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8');
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, make(), { mode: 0o600 });
  try {
    linkSync(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    unlinkSync(tmp);
  }
  return readFileSync(file, 'utf8');
}

const fileId = (id: string) => createHash('sha256').update(id).digest('hex').slice(0, 32);

/** Opens (or creates) the sandbox CA kept in `dir`. */
export function openSandboxCa(dir: string): SandboxCa {
  mkdirSync(join(dir, 'signers'), { recursive: true });
  const root = JSON.parse(createOnce(join(dir, 'root.json'), () => JSON.stringify(makeRoot()))) as KeyAndCert;
  createOnce(join(dir, 'root.pem'), () => root.certPem);
  const cache = new Map<string, KeyAndCert>();
  return {
    dir,
    root,
    signerCert(who) {
      const key = `${who.id}\n${who.name}\n${who.title ?? ''}\n${who.unit ?? ''}`;
      const hit = cache.get(key);
      if (hit) return hit;
      const file = join(dir, 'signers', `${fileId(key)}.json`);
      const kc = JSON.parse(createOnce(file, () => JSON.stringify(issueSignerCert(root, who)))) as KeyAndCert;
      cache.set(key, kc);
      return kc;
    },
  };
}
