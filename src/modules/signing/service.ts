/**
 * Signing use cases for the dossier engine and the warehouse: sign a result, issue an electronic
 * certified copy from an original (chứng thực bản sao điện tử từ bản chính), verify any PDF.
 * Every signature is recorded (signatures table) with an audit entry in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../platform/context';
import { appendAudit } from '../../platform/audit';
import { AppError, badRequest } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { FONTS, nationalHeader, paragraph, renderPdf, signatureBlocks, title } from '../../platform/pdf';
import { sha256Of, sniffType } from '../../platform/blobs';
import type { RemoteSigner, SignatureCheck, SignerInfo } from './model';
import { gatewaySigner, SigningError } from './remote-signer';
import { checkSignablePdf, UnsignablePdfError } from './prepare';

export { UnsignablePdfError } from './prepare';
import { trustedRoots } from './trust';
import { verifyPdfSignatures as verifyWith } from './verify';

export type { RemoteSigner, SignatureCheck, SignerInfo } from './model';

/** The officer who signs: the leader approving a result, the officer certifying a copy. */
export interface OfficerSigner {
  id: string;
  name: string;
  /** e.g. "Chủ tịch", "Phó Giám đốc". */
  title: string;
  /** e.g. "UBND Phường I". */
  unitName: string;
  /** Unit id: certified copies are numbered per unit and year. */
  unitId?: string;
}

let override: RemoteSigner | null = null;
/** Tests: replace the gateway adapter (null restores the configured one). */
export function setRemoteSigner(s: RemoteSigner | null) {
  override = s;
}

export function remoteSigner(ctx: Ctx): RemoteSigner {
  return override ?? gatewaySigner({ url: ctx.config.esign.url, clientId: ctx.config.esign.clientId, clientSecret: ctx.config.esign.clientSecret });
}

/** Refuses, with a 400 naming the reason, a PDF that could not be signed later (encrypted or damaged). */
export async function assertSignablePdf(pdf: Buffer): Promise<void> {
  try {
    await checkSignablePdf(pdf);
  } catch (e) {
    if (e instanceof UnsignablePdfError) throw badRequest(e.key);
    throw e;
  }
}

/** Checks every signature of a PDF against the trusted roots. */
export function verifyPdfSignatures(ctx: Pick<Ctx, 'config'>, pdf: Buffer): SignatureCheck[] {
  return verifyWith(pdf, trustedRoots(ctx));
}

const signerOf = (o: OfficerSigner): SignerInfo => ({ id: o.id, name: o.name, title: o.title, unit: o.unitName });

async function signAndRecord(
  ctx: Ctx,
  input: { pdf: Buffer; officer: OfficerSigner; reason: string; kind: 'result' | 'certified_copy' | 'document'; dossierId?: string | null },
) {
  let signed: Buffer;
  try {
    signed = await remoteSigner(ctx).sign(input.pdf, signerOf(input.officer), input.reason);
  } catch (e) {
    if (e instanceof SigningError) throw new AppError(e.key === 'signing.gateway_error' ? 502 : 409, e.key);
    if (e instanceof UnsignablePdfError) throw new AppError(422, e.key);
    throw e;
  }
  const id = randomUUID();
  const at = ctx.clock.now();
  const row = {
    id,
    kind: input.kind,
    dossier_id: input.dossierId ?? null,
    signer_id: input.officer.id,
    signer_name: input.officer.name,
    signer_title: input.officer.title,
    signer_unit: input.officer.unitName,
    reason: input.reason,
    input_sha256: sha256Of(input.pdf),
    output_sha256: sha256Of(signed),
    signed_at: at,
  };
  return { id, signed, row, at };
}

export interface SignedDocument {
  pdf: Buffer;
  signatureId: string;
  sha256: string;
}

/** Signs a result PDF with the approving leader's certificate (remote signing: the leader confirms). */
export async function signResult(
  ctx: Ctx,
  input: { pdf: Buffer; officer: OfficerSigner; dossierId?: string; reason?: string; kind?: 'result' | 'document' },
): Promise<SignedDocument> {
  if (sniffType(input.pdf) !== 'pdf') throw badRequest('signing.not_pdf');
  const { id, signed, row, at } = await signAndRecord(ctx, {
    pdf: input.pdf,
    officer: input.officer,
    reason: input.reason ?? t('vi', 'signing.result.reason'),
    kind: input.kind ?? 'result',
    dossierId: input.dossierId,
  });
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('signatures').values(row).execute();
    await appendAudit(trx, {
      actorKind: 'officer',
      actorId: input.officer.id,
      action: 'signing.sign_result',
      entity: 'signature',
      entityId: id,
      details: { dossierId: input.dossierId ?? null, sha256: row.output_sha256 },
      at,
    });
  });
  return { pdf: signed, signatureId: id, sha256: row.output_sha256 };
}

const VN_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });
export function vnDateParts(d: Date) {
  const [y, m, day] = VN_DATE.format(d).split('-').map(Number);
  return { y, m, d: day };
}

export interface CertifiedCopy extends SignedDocument {
  number: number;
  book: string;
}

/**
 * Chứng thực bản sao điện tử từ bản chính: a PDF that shows the digitized original (an image is
 * drawn on the page; a PDF original is attached inside), the certification statement with its
 * number in the unit's book of the year, signed by the certifying officer.
 */
export async function issueCertifiedCopy(
  ctx: Ctx,
  input: { originalScan: { bytes: Buffer; fileName?: string }; officer: OfficerSigner; dossierId?: string },
): Promise<CertifiedCopy> {
  const kind = sniffType(input.originalScan.bytes);
  if (kind !== 'pdf' && kind !== 'png' && kind !== 'jpeg') throw badRequest('signing.scan_type');
  const now = ctx.clock.now();
  const { y, m, d } = vnDateParts(now);
  const unitKey = input.officer.unitId ?? input.officer.unitName;
  // Reserve the number first (its own short transaction): a failed signing leaves a gap, never a duplicate.
  const number = await ctx.db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('certified_copy_counters')
      .values({ unit_key: unitKey, year: y, last_number: 1 })
      .onConflict((oc) => oc.columns(['unit_key', 'year']).doUpdateSet((eb) => ({ last_number: eb('certified_copy_counters.last_number', '+', 1) })))
      .returning('last_number')
      .executeTakeFirstOrThrow();
    return r.last_number;
  });
  const book = `01/${y}-SCT/BS`;
  const originalSha = sha256Of(input.originalScan.bytes);
  const fileName = input.originalScan.fileName ?? `ban-chinh.${kind}`;
  const unsigned = await renderPdf(
    async (doc) => {
      nationalHeader(doc, { agency: [input.officer.unitName.toUpperCase()] });
      title(doc, t('vi', 'signing.copy.title'));
      doc
        .font(FONTS.italic)
        .fontSize(9)
        .text(t('vi', 'signing.copy.original', { name: fileName, sha: originalSha }));
      doc.moveDown(0.5);
      if (kind === 'pdf') {
        (doc as any).file(input.originalScan.bytes, {
          name: fileName,
          type: 'application/pdf',
          description: t('vi', 'signing.copy.original', { name: fileName, sha: originalSha }),
        });
        paragraph(doc, t('vi', 'signing.copy.attached', { name: fileName }));
      } else {
        const w = doc.page.width - doc.page.margins.left - doc.page.margins.right;
        const h = Math.max(120, doc.page.height - doc.page.margins.bottom - doc.y - 200);
        doc.image(input.originalScan.bytes, doc.page.margins.left, doc.y, { fit: [w, h], align: 'center' });
        doc.y += h + 10;
      }
      paragraph(doc, t('vi', 'signing.copy.statement'), { bold: true });
      paragraph(doc, t('vi', 'signing.copy.number', { number, book }));
      paragraph(doc, t('vi', 'signing.copy.date', { d, m, y }), { italic: true, align: 'right' });
      signatureBlocks(doc, [{ title: t('vi', 'signing.copy.signerTitle'), note: t('vi', 'signing.copy.signerNote'), name: input.officer.name }], { space: 30 });
    },
    { info: { Title: t('vi', 'signing.copy.title') }, createdAt: now },
  );
  const { id, signed, row, at } = await signAndRecord(ctx, {
    pdf: unsigned,
    officer: input.officer,
    reason: t('vi', 'signing.copy.reason'),
    kind: 'certified_copy',
    dossierId: input.dossierId,
  });
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('signatures').values(row).execute();
    await trx
      .insertInto('certified_copies')
      .values({
        id: randomUUID(),
        unit_key: unitKey,
        year: y,
        number,
        book,
        dossier_id: input.dossierId ?? null,
        officer_id: input.officer.id,
        original_sha256: originalSha,
        original_type: kind,
        copy_sha256: row.output_sha256,
        signature_id: id,
        issued_at: at,
      })
      .execute();
    await appendAudit(trx, {
      actorKind: 'officer',
      actorId: input.officer.id,
      action: 'signing.certify_copy',
      entity: 'signature',
      entityId: id,
      details: { number, book, originalSha256: originalSha, dossierId: input.dossierId ?? null },
      at,
    });
  });
  return { pdf: signed, signatureId: id, sha256: row.output_sha256, number, book };
}
