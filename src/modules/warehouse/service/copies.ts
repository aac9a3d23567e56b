/**
 * Chứng thực bản sao điện tử từ bản chính (NĐ 23/2015, as amended; TT 01/2023 digitization):
 * a commune officer (or a district justice office's) scans the original the requester shows;
 * the signing module issues the signed PDF copy; it lands in the requester's store.
 */
import type { Actor } from '../../../platform/auth';
import type { Ctx } from '../../../platform/context';
import { checkUpload } from '../../../platform/blobs';
import { AppError, badRequest, forbidden } from '../../../platform/errors';
import { t } from '../../../platform/i18n';
import * as deps from '../deps';
import { mayCertifyAt, vnDate, type Owner, type StoredDocument } from '../model';
import * as store from '../store';
import { storeDocument } from './ingest';

const CERTIFY_ROLES = ['specialist', 'leader'] as const;
export const MAX_SCAN_BYTES = 20 * 1024 * 1024;

/** Units where the officer may certify copies. */
export async function certifyingUnits(ctx: Ctx, actor: Actor) {
  if (actor.kind !== 'officer') return [];
  const out: { id: string; name: string; level: string; agencyType: string | null; foldedName: string; role: string }[] = [];
  for (const g of actor.roles.filter((r) => (CERTIFY_ROLES as readonly string[]).includes(r.role))) {
    const u = await deps.unitOf(ctx, g.unitId);
    if (u && mayCertifyAt(u) && !out.some((x) => x.id === u.id)) out.push({ ...u, role: g.role });
  }
  return out;
}

export interface CertifyInput {
  requester: Owner;
  /** Type of the original, e.g. "giay-khai-sinh": the copy can stand for it in later dossiers. */
  documentType: string;
  /** Name of the original, e.g. "Giấy khai sinh". */
  name: string;
  scan: { bytes: Buffer; fileName: string; contentType: string };
  unitId?: string;
}

export function checkRequester(o: Owner): Owner {
  const ok = o.kind === 'citizen' ? /^\d{12}$/.test(o.id) : /^\d{10}(-\d{3})?$/.test(o.id);
  if (!ok)
    throw badRequest('warehouse.requester_invalid', undefined, [{ field: 'requesterId', message: o.kind === 'citizen' ? '12 digits' : '10 or 13 digits' }]);
  return o;
}

export async function issueElectronicCopy(ctx: Ctx, actor: Actor, input: CertifyInput): Promise<StoredDocument> {
  const units = await certifyingUnits(ctx, actor);
  if (units.length === 0) throw forbidden('warehouse.certify_forbidden');
  const unit = input.unitId ? units.find((u) => u.id === input.unitId) : units[0];
  if (!unit) throw forbidden('warehouse.certify_forbidden');
  checkRequester(input.requester);
  if (!/^[a-z0-9-]{2,60}$/.test(input.documentType))
    throw badRequest('warehouse.document_type_invalid', undefined, [{ field: 'documentType', message: 'a-z0-9-' }]);
  const name = input.name.trim();
  if (!name || name.length > 200) throw badRequest('warehouse.name_required', undefined, [{ field: 'name', message: '1-200' }]);
  if (input.scan.bytes.length > MAX_SCAN_BYTES) throw new AppError(413, 'error.payload_too_large');
  const checked = checkUpload(input.scan.bytes, input.scan.fileName, input.scan.contentType, { allowed: ['pdf', 'jpeg', 'png'] });
  const copy = await deps.certifyCopy(ctx, {
    originalScan: { bytes: input.scan.bytes, fileName: checked.name },
    officer: {
      id: actor.id,
      name: actor.name,
      title: t('vi', unit.role === 'leader' ? 'warehouse.copy.title_leader' : 'warehouse.copy.title_specialist'),
      unitName: unit.name,
      unitId: unit.id,
    },
  });
  const blob = await deps.putBlob(ctx, copy.pdf, 'application/pdf');
  const agencyCode = (await deps.agencyCodeOf(ctx, unit.id)) ?? '000.00.00.H00';
  const stored = await storeDocument(ctx, {
    owner: input.requester,
    documentType: input.documentType,
    name: t('vi', 'warehouse.copy.name', { name }),
    agencyCode,
    source: 'certified_copy',
    issuingBody: unit.name,
    issuingUnitId: unit.id,
    issuedOn: vnDate(ctx.clock.now()),
    file: { sha256: blob.sha256, fileName: `ban-sao-chung-thuc-${copy.number}.pdf`, contentType: 'application/pdf', size: blob.size },
    digitized: true,
    signed: true,
    details: { number: copy.number, book: copy.book, signatureId: copy.signatureId, originalName: name, officerId: actor.id },
    actor: { kind: 'officer', id: actor.id },
  });
  return (await store.getDocument(ctx.db, stored!.id))!;
}
