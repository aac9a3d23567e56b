/**
 * Checks an uploaded file before it is stored: the type is read from the content (never from the
 * name or the declared type), only PDF, PNG, JPEG, DOCX and XLSX pass, the size is limited, and
 * the file name is cleaned (no folders, no control or direction characters; Vietnamese kept).
 */
import { badRequest } from './errors';

export type UploadKind = 'pdf' | 'png' | 'jpeg' | 'docx' | 'xlsx';

export const UPLOAD_TYPES: Record<UploadKind, { mime: string; exts: string[] }> = {
  pdf: { mime: 'application/pdf', exts: ['pdf'] },
  png: { mime: 'image/png', exts: ['png'] },
  jpeg: { mime: 'image/jpeg', exts: ['jpg', 'jpeg'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', exts: ['docx'] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', exts: ['xlsx'] },
};

export const DEFAULT_UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

const startsWith = (b: Uint8Array, sig: number[]) => b.length >= sig.length && sig.every((x, i) => b[i] === x);

/** The allowed type the bytes really are, or null (anything else, including executables). */
export function sniffType(bytes: Uint8Array): UploadKind | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // Office Open XML: a zip whose part names are stored in clear in the headers.
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    if (!text.includes('[Content_Types].xml')) return null;
    if (text.includes('word/document.xml')) return 'docx';
    if (text.includes('xl/workbook.xml')) return 'xlsx';
  }
  return null;
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * A safe file name: the last path part only, Unicode NFC, without control, format (e.g. the
 * right-to-left override) or reserved characters, no leading dots, at most 120 characters.
 * Vietnamese letters and digits stay as they are.
 */
export function sanitizeFileName(name: string, fallback = 'tep'): string {
  let s = String(name ?? '').normalize('NFC');
  s = s.split(/[\\/]/).pop() ?? '';
  s = s.replace(/\s+/gu, ' ');
  s = s.replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/gu, '');
  s = s.replace(/[<>:"|?*]/g, '_');
  s = s.replace(/ +/g, ' ').replace(/ +\./g, '.').trim();
  s = s.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (!s) s = fallback;
  const dot = s.lastIndexOf('.');
  const stem = dot > 0 ? s.slice(0, dot) : s;
  const ext = dot > 0 ? s.slice(dot + 1) : '';
  let safeStem = WINDOWS_RESERVED.test(stem) ? `_${stem}` : stem;
  const room = 120 - (ext ? ext.length + 1 : 0);
  if ([...safeStem].length > room) safeStem = [...safeStem].slice(0, Math.max(1, room)).join('').trim();
  return ext ? `${safeStem}.${ext}` : safeStem;
}

/** The sanitised name with the extension of the real type (replacing a wrong one). */
function nameForKind(name: string, kind: UploadKind): string {
  const clean = sanitizeFileName(name);
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 ? clean.slice(dot + 1).toLowerCase() : '';
  if (UPLOAD_TYPES[kind].exts.includes(ext)) return clean.slice(0, dot + 1) + ext;
  const stem = dot > 0 ? clean.slice(0, dot) : clean;
  return `${stem}.${UPLOAD_TYPES[kind].exts[0]}`;
}

export interface CheckedUpload {
  kind: UploadKind;
  mime: string;
  size: number;
  /** Safe to store and to show; its extension matches the content. */
  name: string;
  /** True when the declared name or type did not match the content (it was corrected). */
  corrected: boolean;
}

/**
 * Accepts the upload or throws a 400 AppError (`upload.empty`, `upload.too_large`,
 * `upload.type_not_allowed`, with the cleaned name in the message).
 */
export function checkUpload(
  bytes: Uint8Array,
  declaredName: string,
  declaredType?: string | null,
  opts: { maxBytes?: number; allowed?: UploadKind[] } = {},
): CheckedUpload {
  const shown = sanitizeFileName(declaredName);
  const maxBytes = opts.maxBytes ?? DEFAULT_UPLOAD_MAX_BYTES;
  if (!bytes || bytes.length === 0) throw badRequest('upload.empty', { name: shown });
  if (bytes.length > maxBytes) throw badRequest('upload.too_large', { name: shown, max: Math.round((maxBytes / 1024 / 1024) * 10) / 10 });
  const kind = sniffType(bytes);
  if (!kind || (opts.allowed && !opts.allowed.includes(kind))) throw badRequest('upload.type_not_allowed', { name: shown });
  const name = nameForKind(declaredName, kind);
  const mime = UPLOAD_TYPES[kind].mime;
  const declared = (declaredType ?? '').split(';')[0]!.trim().toLowerCase();
  const corrected = name !== shown || (declared !== '' && declared !== 'application/octet-stream' && declared !== mime);
  return { kind, mime, size: bytes.length, name, corrected };
}
