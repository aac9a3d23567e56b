/**
 * Types and pure rules of the personal / organisational e-data store (kho quản lý dữ liệu điện
 * tử của tổ chức, cá nhân, TT 01/2023/TT-VPCP). No I/O here.
 */

export type OwnerKind = 'citizen' | 'organisation';
export interface Owner {
  kind: OwnerKind;
  /** Personal identification number (12 digits) or the organisation's tax code. */
  id: string;
}

export type DocumentSource = 'component' | 'result' | 'certified_copy' | 'seed';

export interface StoredDocument {
  id: string;
  owner: Owner;
  documentType: string;
  name: string;
  /** Result / document code (see resultCode). */
  code: string;
  issuingBody: string | null;
  /** The issuing body in today's unit names when it names former units (issue 11.4; filled by the service on reads for the owner). */
  issuingBodyToday?: string | null;
  issuedOn: string | null;
  validFrom: string | null;
  validTo: string | null;
  sha256: string;
  fileName: string;
  contentType: string;
  size: number;
  source: DocumentSource;
  sourceDossierId: string | null;
  sourceComponentKey: string | null;
  /** DuocSoHoa: a paper document digitized by an officer (or a born-digital result). */
  digitized: boolean;
  /** DuocLayTuKhoDMQG: came from the national portal's store. */
  fromNationalStore: boolean;
  signed: boolean;
  createdAt: string;
}

/**
 * The code of a stored document. The exact format TT 01/2023/TT-VPCP prescribes for "mã kết quả
 * số hóa" could not be confirmed (regulations-research.md §5); this follows the shape seen in
 * integration samples (`KQ.G07.000122`): a prefix, the issuing agency's identifier, the
 * document type and a 6-digit sequence per prefix:
 *   results:          KQ.<agency code>.<document type>.<000001>
 *   digitized parts:  TP.<agency code>.<document type>.<000001>
 *   certified copies: BS.<agency code>.<document type>.<000001>
 */
export const CODE_PREFIX: Record<DocumentSource, string> = { result: 'KQ', component: 'TP', certified_copy: 'BS', seed: 'KQ' };

export function codePrefix(source: DocumentSource, agencyCode: string, documentType: string): string {
  return `${CODE_PREFIX[source]}.${agencyCode}.${documentType}`;
}

export function documentCode(prefix: string, n: number): string {
  return `${prefix}.${String(n).padStart(6, '0')}`;
}

const CODE_RE = /^(KQ|TP|BS)\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}\.[a-z0-9-]+\.\d{6,}$/;
export function isDocumentCode(s: string): boolean {
  return CODE_RE.test(s);
}

/** Validity of documents that expire, in months from issue (others stay valid until replaced). */
export const VALIDITY_MONTHS: Record<string, number> = {
  'giay-xac-nhan-tinh-trang-hon-nhan': 6, // Luật Hộ tịch / NĐ 123/2015 art. 23
  'phieu-ly-lich-tu-phap': 6, // used in practice: issued within 6 months
  'giay-kham-suc-khoe-lai-xe': 12,
};

export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  t.setUTCDate(Math.min(d, last));
  return t.toISOString().slice(0, 10);
}

/** Valid from the issue date; until the issue date + the type's validity, or open-ended. */
export function validityOf(documentType: string, issuedOn: string | null): { validFrom: string | null; validTo: string | null } {
  if (!issuedOn) return { validFrom: null, validTo: null };
  const months = VALIDITY_MONTHS[documentType];
  return { validFrom: issuedOn, validTo: months ? addMonths(issuedOn, months) : null };
}

/** Whether the document may be offered for reuse on `today` (civil date). */
export function isValidOn(doc: Pick<StoredDocument, 'validFrom' | 'validTo'>, today: string): boolean {
  if (doc.validFrom && doc.validFrom > today) return false;
  if (doc.validTo && doc.validTo < today) return false;
  return true;
}

/** The civil date in Việt Nam (UTC+7) of an instant. */
export function vnDate(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** The store an actor owns: their person (personal id) or the organisation they act for. */
export function ownersOf(actor: { personalId?: string; orgTaxCode?: string }): Owner[] {
  const out: Owner[] = [];
  if (actor.personalId) out.push({ kind: 'citizen', id: actor.personalId });
  if (actor.orgTaxCode) out.push({ kind: 'organisation', id: actor.orgTaxCode });
  return out;
}

export function ownsDocument(actor: { personalId?: string; orgTaxCode?: string }, owner: Owner): boolean {
  return ownersOf(actor).some((o) => o.kind === owner.kind && o.id === owner.id);
}

// ---- Digitization of a dossier ----

export interface ComponentLike {
  key: string;
  name: string;
  optional: boolean;
}
export interface FileLike {
  kind: string;
  componentKey: string | null;
  /** An electronic component, by the dossiers' rule (componentIsElectronic, read through deps.ts). */
  electronic: boolean;
}

export interface ComponentDigitization {
  key: string;
  name: string;
  optional: boolean;
  /** Has an electronic file: a scan by the desk, an online upload or a document from the store. */
  digitized: boolean;
  /** A stored document stands for it (DuocTaiSuDung = 1). */
  reused: boolean;
  /** Not required and nothing was given: does not count. */
  applicable: boolean;
}

export interface DossierDigitization {
  components: ComponentDigitization[];
  /** Every applicable component is digitized (and there is at least one). */
  digitized: boolean;
  /** An electronic result is attached. */
  eResult: boolean;
}

/**
 * "A dossier is digitized when every component is": every required component, and every
 * optional one that was given, has an electronic file. Optional components not given are left
 * out of the count.
 */
export function digitizationOf(components: ComponentLike[], files: FileLike[], reusedKeys: Set<string>): DossierDigitization {
  const have = new Set(files.filter((f) => f.electronic && f.componentKey).map((f) => f.componentKey!));
  const list = components.map((c) => {
    const digitized = have.has(c.key) || reusedKeys.has(c.key);
    return { key: c.key, name: c.name, optional: c.optional, digitized, reused: reusedKeys.has(c.key), applicable: !c.optional || digitized };
  });
  const applicable = list.filter((c) => c.applicable);
  return { components: list, digitized: applicable.length > 0 && applicable.every((c) => c.digitized), eResult: files.some((f) => f.kind === 'result') };
}

// ---- Share links ----

export type ShareStatus = 'active' | 'expired' | 'revoked';
export function shareStatus(s: { expiresAt: Date; revokedAt: Date | null }, now: Date): ShareStatus {
  if (s.revokedAt) return 'revoked';
  if (s.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

export const SHARE_MAX_DAYS = 30;
export const SHARE_DEFAULT_HOURS = 72;

/** Officers who may issue electronic certified copies: commune people's committees and district justice offices (NĐ 23/2015 art. 5). */
export function mayCertifyAt(unit: { level: string; agencyType: string | null; foldedName: string }): boolean {
  if (unit.agencyType === 'people_committee' && unit.level === 'commune') return true;
  return unit.foldedName.includes('phong tu phap');
}
