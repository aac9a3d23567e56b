/**
 * Forms to download (mẫu đơn, tờ khai): for each form a procedure version lists, the official
 * template file a controller uploaded (PDF/DOCX in the blob store, keyed by the form's folded
 * name so it follows the form across versions), else a PDF generated from the e-form
 * (form-pdf.ts). URLs: /thu-tuc/:code/mau/:n.pdf|docx (n from 1); /thu-tuc/:code/mau-don.pdf is
 * the first form.
 */
import type { Actor } from '../../platform/auth';
import { appendAudit } from '../../platform/audit';
import { blobStore, checkUpload, sanitizeFileName } from '../../platform/blobs';
import type { Ctx } from '../../platform/context';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { t, type Lang } from '../../platform/i18n';
import { fold } from '../../platform/text';
import { formPdf } from './form-pdf';
import type { ProcedureVersion } from './model';
import * as store from './store';
import { getDraft, getProcedure, unitNames } from './service';

export interface FormDownload {
  /** 1-based position in the version's list of forms. */
  index: number;
  name: string;
  code?: string;
  url: string;
  format: 'PDF' | 'DOCX';
  /** Bytes. */
  size: number;
  /** An uploaded official file (true) or the PDF generated from the e-form (false). */
  official: boolean;
  /** The uploaded file's name, when official. */
  fileName?: string;
}

export const formKey = (name: string) => fold(name).trim();

/** "Ủy ban nhân dân cấp xã" for commune-wide procedures, else the units' names. */
export async function agencyText(ctx: Ctx, lang: Lang, v: ProcedureVersion): Promise<{ deciding: string; receiving: string }> {
  const one = async (kind: string, ids: string[]) => {
    if (kind === 'commune' || kind === 'district') return t(lang, `catalogue.agency.${kind}`);
    const names = await unitNames(ctx, ids.length ? ids : [kind]);
    return [...new Set(Object.values(names))].join('; ');
  };
  return {
    deciding: await one(v.content.decidingAgency, [...new Set(v.agencies.map((a) => a.decidingUnitId))]),
    receiving: await one(v.content.receivingAgency, [...new Set(v.agencies.map((a) => a.receivingUnitId))]),
  };
}

/** The forms of a version; a version listing none still has the e-form's PDF as form 1. */
function formsOf(v: ProcedureVersion): { name: string; code?: string }[] {
  if (v.content.forms.length) return v.content.forms;
  const n = v.content.name;
  return [{ name: t('vi', 'catalogue.formPdf.defaultName', { name: n.charAt(0).toLocaleLowerCase('vi-VN') + n.slice(1) }) }];
}

// Generated PDFs of published versions do not change (content is frozen): keep the last few.
const cache = new Map<string, Buffer>();
const CACHE_MAX = 200;

async function generated(ctx: Ctx, v: ProcedureVersion, index: number): Promise<Buffer> {
  const form = formsOf(v)[index - 1]!;
  const receiving = (await agencyText(ctx, 'vi', v)).receiving;
  const key = `${v.versionId}:${index}:${v.status}:${receiving}`;
  const hit = v.status === 'published' ? cache.get(key) : undefined;
  if (hit) return hit;
  const bytes = await formPdf({
    name: form.name,
    code: form.code,
    procedureName: v.content.name,
    receivingAgency: receiving,
    eForm: v.content.eForm,
    createdAt: new Date(`${v.effectiveFrom ?? '2000-01-01'}T00:00:00Z`),
  });
  if (v.status === 'published') {
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(key, bytes);
  }
  return bytes;
}

const extOf = (mime: string): 'pdf' | 'docx' => (mime === 'application/pdf' ? 'pdf' : 'docx');

export async function formDownloads(ctx: Ctx, v: ProcedureVersion): Promise<FormDownload[]> {
  const templates = new Map((await store.formTemplates(ctx.db, v.procedureId)).map((x) => [x.formKey, x]));
  const out: FormDownload[] = [];
  const forms = formsOf(v);
  for (let i = 0; i < forms.length; i++) {
    const f = forms[i]!;
    const tpl = templates.get(formKey(f.name));
    const base = `/thu-tuc/${encodeURIComponent(v.code)}/mau/${i + 1}`;
    if (tpl)
      out.push({
        index: i + 1,
        name: f.name,
        code: f.code,
        url: `${base}.${extOf(tpl.mime)}`,
        format: tpl.mime === 'application/pdf' ? 'PDF' : 'DOCX',
        size: tpl.size,
        official: true,
        fileName: tpl.fileName,
      });
    else
      out.push({ index: i + 1, name: f.name, code: f.code, url: `${base}.pdf`, format: 'PDF', size: (await generated(ctx, v, i + 1)).length, official: false });
  }
  return out;
}

/** The file of form `index` (1-based) of a version, or null when there is no such form. */
export async function formFile(
  ctx: Ctx,
  v: ProcedureVersion,
  index: number,
): Promise<{ bytes: Buffer; mime: string; fileName: string; ext: 'pdf' | 'docx' } | null> {
  const forms = formsOf(v);
  if (!Number.isInteger(index) || index < 1 || index > forms.length) return null;
  const tpl = (await store.formTemplates(ctx.db, v.procedureId)).find((x) => x.formKey === formKey(forms[index - 1]!.name));
  if (tpl) {
    const bytes = await blobStore(ctx).get(tpl.sha256);
    if (bytes) return { bytes, mime: tpl.mime, fileName: tpl.fileName, ext: extOf(tpl.mime) };
  }
  return { bytes: await generated(ctx, v, index), mime: 'application/pdf', fileName: `mau-don-${v.code}-${index}.pdf`, ext: 'pdf' };
}

export const sizeText = (lang: Lang, bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1).replace('.', lang === 'vi' ? ',' : '.')} MB`;

/** `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(fileName: string): string {
  const ascii =
    fold(fileName)
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'mau-don';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The version whose forms the editor shows: the draft, else the version in force. */
export async function editedVersion(ctx: Ctx, code: string): Promise<ProcedureVersion | null> {
  return (await getDraft(ctx, code)) ?? (await getProcedure(ctx, code));
}

/** A controller uploads the official template (PDF or DOCX) of form `index` (1-based); it then takes precedence for download. */
export async function uploadFormTemplate(
  ctx: Ctx,
  actor: Actor,
  code: string,
  index: number,
  file: { bytes: Buffer; name: string; type?: string | null },
): Promise<{ fileName: string; size: number }> {
  const v = await editedVersion(ctx, code);
  if (!v) throw notFound('catalogue.not_found', { code });
  const form = v.content.forms[index - 1];
  if (!Number.isInteger(index) || !form) throw badRequest('catalogue.template.no_form', { code, index });
  let checked;
  try {
    checked = checkUpload(file.bytes, file.name || 'mau-don', file.type, { maxBytes: ctx.config.UPLOAD_MAX_BYTES, allowed: ['pdf', 'docx'] });
  } catch (e) {
    if (e instanceof AppError && e.key === 'upload.type_not_allowed')
      throw badRequest('catalogue.template.type', { name: sanitizeFileName(file.name || 'mau-don') });
    throw e;
  }
  const blob = await blobStore(ctx).put(file.bytes, { mime: checked.mime });
  await ctx.db.transaction().execute(async (trx) => {
    await store.upsertFormTemplate(
      trx,
      v.procedureId,
      { formKey: formKey(form.name), sha256: blob.sha256, fileName: checked.name, mime: checked.mime, size: checked.size },
      actor.id,
      ctx.clock.now(),
    );
    await appendAudit(trx, {
      actorKind: 'officer',
      actorId: actor.id,
      action: 'procedure.form_template',
      entity: 'procedure',
      entityId: code,
      details: { form: form.name, sha256: blob.sha256, fileName: checked.name },
      at: ctx.clock.now(),
    });
  });
  return { fileName: checked.name, size: checked.size };
}

/** The forms of a version with their uploaded template, if any (for the editor). */
export async function formTemplatesOf(
  ctx: Ctx,
  v: ProcedureVersion,
): Promise<{ index: number; name: string; template: { fileName: string; size: number } | null }[]> {
  const templates = new Map((await store.formTemplates(ctx.db, v.procedureId)).map((x) => [x.formKey, x]));
  return v.content.forms.map((f, i) => {
    const tpl = templates.get(formKey(f.name));
    return { index: i + 1, name: f.name, template: tpl ? { fileName: tpl.fileName, size: tpl.size } : null };
  });
}
