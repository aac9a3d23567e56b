/**
 * Filling the store from the dossiers: a subscriber of 'dossier.event' reloads the dossier
 * through the dossiers service and stores, once per file, its digitized components (when the
 * dossier has been received) and its results (once the result is issued). Idempotent: the
 * source file id is unique among stored documents, so a redelivered message stores nothing twice.
 */
import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../../platform/context';
import { appendAudit } from '../../../platform/audit';
import * as deps from '../deps';
import { codePrefix, documentCode, validityOf, vnDate, type DocumentSource, type Owner } from '../model';
import * as store from '../store';

interface Snap {
  components: { key: string; name: string; optional: boolean; documentType?: string }[];
  result: string;
  resultDocumentType?: string;
}

const STOPPED = new Set(['refused', 'withdrawn', 'cancelled']);
/** Document type of a digitized component that names none in the catalogue. */
export const OTHER_TYPE = 'khac';
export const RESULT_TYPE = 'ket-qua';

export interface NewDocument {
  owner: Owner;
  documentType: string;
  name: string;
  agencyCode: string;
  source: DocumentSource;
  issuingBody: string | null;
  issuingUnitId: string | null;
  issuedOn: string | null;
  file: { sha256: string; fileName: string; contentType: string; size: number };
  dossierId?: string | null;
  componentKey?: string | null;
  fileId?: string | null;
  digitized: boolean;
  fromNationalStore?: boolean;
  signed?: boolean;
  details?: Record<string, unknown>;
  actor?: { kind: 'citizen' | 'officer' | 'system'; id: string | null };
}

/** Stores a document with its code, in one transaction with the audit entry; null when it was already stored. */
export async function storeDocument(ctx: Ctx, d: NewDocument): Promise<{ id: string; code: string } | null> {
  const now = ctx.clock.now();
  const id = randomUUID();
  const { validFrom, validTo } = validityOf(d.documentType, d.issuedOn);
  return ctx.db.transaction().execute(async (trx) => {
    const prefix = codePrefix(d.source, d.agencyCode, d.documentType);
    const code = documentCode(prefix, await store.nextNumber(trx, prefix));
    const inserted = await store.insertDocument(trx, {
      id,
      owner_kind: d.owner.kind,
      owner_id: d.owner.id,
      document_type: d.documentType,
      name: d.name,
      code,
      issuing_body: d.issuingBody,
      issuing_unit_id: d.issuingUnitId,
      issued_on: d.issuedOn,
      valid_from: validFrom,
      valid_to: validTo,
      sha256: d.file.sha256,
      file_name: d.file.fileName,
      content_type: d.file.contentType,
      size: d.file.size,
      source: d.source,
      source_dossier_id: d.dossierId ?? null,
      source_component_key: d.componentKey ?? null,
      source_file_id: d.fileId ?? null,
      digitized: d.digitized,
      from_national_store: d.fromNationalStore ?? false,
      signed: d.signed ?? false,
      details: d.details,
      created_at: now,
    });
    if (!inserted) return null;
    await appendAudit(trx, {
      actorKind: d.actor?.kind ?? 'system',
      actorId: d.actor?.id ?? null,
      action: 'warehouse.store',
      entity: 'stored_document',
      entityId: id,
      details: { code, source: d.source, ownerKind: d.owner.kind, dossierId: d.dossierId ?? null, sha256: d.file.sha256 },
      at: now,
    });
    return { id, code };
  });
}

/** Brings the store up to date with one dossier (see the module comment). */
export async function syncDossier(ctx: Ctx, dossierId: string): Promise<number> {
  const d = await deps.dossierRow(ctx, dossierId);
  if (!d || !d.received_at || STOPPED.has(d.state)) return 0;
  const view = await deps.dossierViewForSystem(ctx, dossierId);
  const snap = d.snapshot as Snap;
  const owner: Owner = { kind: d.applicant_kind === 'organisation' ? 'organisation' : 'citizen', id: d.applicant_id_number };
  const resultIssued = !!d.result_ready_at;
  let stored = 0;
  for (const f of view.files) {
    const isComponent = f.kind === 'component' || f.kind === 'supplement';
    if (!isComponent && !(f.kind === 'result' && resultIssued)) continue;
    const comp = isComponent ? snap.components.find((c) => c.key === f.componentKey) : undefined;
    // Kept: a component the catalogue types, or one the desk scanned from paper (the file's `digitized` mark).
    if (isComponent && (!comp || (!comp.documentType && !f.digitized))) continue;
    if (await store.hasSourceFile(ctx.db, f.id)) continue;
    const row = await deps.dossierFile(ctx, d.id, f.id);
    // A document taken from the store comes back as the same content: it is not stored twice.
    if (await store.findSame(ctx.db, owner, row.sha256)) continue;
    const file = { sha256: row.sha256, fileName: row.file_name, contentType: row.content_type, size: row.size };
    let doc: NewDocument;
    if (comp) {
      const agencyCode = (await deps.agencyCodeOf(ctx, d.receiving_unit_id)) ?? '000.00.00.H00';
      doc = {
        owner,
        documentType: comp.documentType ?? OTHER_TYPE,
        name: comp.name,
        agencyCode,
        source: 'component',
        issuingBody: null,
        issuingUnitId: null,
        issuedOn: null,
        file,
        dossierId: d.id,
        componentKey: comp.key,
        fileId: f.id,
        digitized: deps.componentIsElectronic(f),
      };
    } else {
      const unit = await deps.unitOf(ctx, d.deciding_unit_id);
      const agencyCode = (await deps.agencyCodeOf(ctx, d.deciding_unit_id)) ?? '000.00.00.H00';
      doc = {
        owner,
        documentType: snap.resultDocumentType ?? RESULT_TYPE,
        name: snap.result,
        agencyCode,
        source: 'result',
        issuingBody: unit?.name ?? null,
        issuingUnitId: d.deciding_unit_id,
        issuedOn: vnDate(d.result_ready_at!),
        file,
        dossierId: d.id,
        fileId: f.id,
        digitized: true,
        details: { dossierCode: d.code, procedureCode: d.procedure_code },
      };
    }
    if (await storeDocument(ctx, doc)) stored++;
  }
  return stored;
}

export interface ReusedEntry {
  componentKey: string;
  storedDocumentId: string;
  code?: string;
  fileId?: string;
  fromNationalStore?: boolean;
}

/**
 * Records the reuses a submission names (DuocTaiSuDung): 1 = reused; 2 = the component is
 * replaced by the result of an earlier procedure, whose code goes to MaKetQuaThayThe.
 */
export async function recordReuses(ctx: Ctx, dossierId: string, entries: ReusedEntry[], at: Date): Promise<void> {
  for (const e of entries) {
    const doc = await store.getDocument(ctx.db, e.storedDocumentId);
    if (!doc) continue;
    await ctx.db.transaction().execute(async (trx) => {
      await store.insertReuse(trx, {
        id: randomUUID(),
        dossier_id: dossierId,
        component_key: e.componentKey,
        document_id: doc.id,
        document_code: doc.code,
        dossier_file_id: e.fileId ?? null,
        reuse_kind: doc.source === 'result' ? 2 : 1,
        from_national_store: doc.fromNationalStore,
        at,
      });
    });
  }
}

/** The outbox handler (subscriber 'warehouse' of 'dossier.event'). */
export async function onDossierEvent(ctx: Ctx, msg: { key: string; payload: any }): Promise<void> {
  const p = msg.payload ?? {};
  const dossierId = String(p.dossierId ?? msg.key);
  if (p.action === 'submit' && Array.isArray(p.reused)) await recordReuses(ctx, dossierId, p.reused as ReusedEntry[], new Date(p.at ?? ctx.clock.now()));
  await syncDossier(ctx, dossierId);
}
