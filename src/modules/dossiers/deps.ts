/**
 * The only place this module binds to other modules and platform services it needs
 * (calendar, catalogue, units, blob store, PDF). Everything else imports from here.
 */
import PDFDocument from 'pdfkit';
import { createHash, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Ctx } from '../../platform/context';
import type { WorkCalendar } from '../../platform/calendar/types';
import type { FieldError } from '../../platform/errors';
import type { Lang } from '../../platform/i18n';
import type { ProcedureSnapshot } from '../catalogue/snapshot';
import { ancestorIds, getUnit } from '../units/service';
import { testCalendar } from './model/test-calendar';

// ---- calendar (TEMPORARY until src/platform/calendar/service.ts lands) ----
export async function workCalendar(_ctx: Ctx): Promise<WorkCalendar> {
  return testCalendar(['2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-04-27', '2026-04-30', '2026-05-01']);
}

// ---- catalogue (TEMPORARY until src/modules/catalogue/service.ts lands) ----
export async function procedureSnapshot(_ctx: Ctx, _code: string, _at: Date): Promise<ProcedureSnapshot | null> {
  return null;
}
export async function procedureSnapshotByVersion(_ctx: Ctx, _versionId: string): Promise<ProcedureSnapshot | null> {
  return null;
}
export function validateEForm(_ctx: Ctx, _s: ProcedureSnapshot, data: unknown, _lang: Lang): { ok: true; data: unknown } | { ok: false; fields: FieldError[] } {
  return { ok: true, data };
}

// ---- units ----
export async function unitName(ctx: Ctx, id: string): Promise<string> {
  return (await getUnit(ctx, id))?.name ?? id;
}
/** The agency identifier used in dossier codes: the unit's own, else its nearest ancestor's. */
export async function agencyCodeOf(ctx: Ctx, unitId: string): Promise<string | null> {
  const u = await getUnit(ctx, unitId);
  if (u?.agencyCode) return u.agencyCode;
  for (const id of await ancestorIds(ctx, unitId)) {
    const a = await getUnit(ctx, id);
    if (a?.agencyCode) return a.agencyCode;
  }
  return null;
}

// ---- blob store (TEMPORARY until src/platform/blobs.ts lands) ----
const memBlobs = new Map<string, Buffer>();
export interface StoredBlob {
  key: string;
  sha256: string;
  size: number;
}
export async function putBlob(_ctx: Ctx, bytes: Buffer, _meta: { contentType: string; fileName: string }): Promise<StoredBlob> {
  const key = `dossiers/${randomUUID()}`;
  memBlobs.set(key, bytes);
  return { key, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
}
export async function getBlob(_ctx: Ctx, key: string): Promise<Buffer | null> {
  return memBlobs.get(key) ?? null;
}
/** Checks an upload's type by its first bytes: PDF, JPEG or PNG. Returns the content type, or null. */
export function checkUpload(bytes: Buffer, _declared: string): string | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

// ---- PDF (TEMPORARY until src/platform/pdf.ts lands) ----
const require = createRequire(import.meta.url);
export interface PdfBlock {
  text: string;
  bold?: boolean;
  align?: 'left' | 'center' | 'right';
  size?: number;
  gap?: number;
}
/** Renders blocks of text on A5 with a font that has every Vietnamese letter. */
export async function renderPdfBlocks(blocks: PdfBlock[], meta: { title: string }): Promise<Buffer> {
  const regular = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
  const bold = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
  const doc = new PDFDocument({ size: 'A5', margin: 36, info: { Title: meta.title } });
  doc.registerFont('r', regular);
  doc.registerFont('b', bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((res) => doc.on('end', () => res(Buffer.concat(chunks))));
  for (const b of blocks) {
    doc.font(b.bold ? 'b' : 'r').fontSize(b.size ?? 9).text(b.text, { align: b.align ?? 'left' });
    if (b.gap) doc.moveDown(b.gap);
  }
  doc.end();
  return done;
}
