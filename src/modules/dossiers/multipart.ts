/** Reading the dossier API's multipart bodies: files named "file:<key>" (or "files[<key>]") and plain fields. */
import type { FastifyRequest } from 'fastify';
import { AppError, badRequest } from '../../platform/errors';
import type { UploadedFile } from './service';

export async function readMultipart(req: FastifyRequest): Promise<{ fields: Record<string, string>; files: UploadedFile[] }> {
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        const m = /^(?:file:|files\[)?([^\]]*)\]?$/.exec(part.fieldname);
        files.push({ componentKey: m?.[1] || null, fileName: part.filename || 'tep', contentType: part.mimetype, bytes });
      } else fields[part.fieldname] = String(part.value);
    }
  } catch (err) {
    if (err instanceof AppError) throw err; // e.g. 403 error.csrf from the first field's check
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw err;
    throw badRequest('dossier.bad_multipart');
  }
  return { fields, files };
}

/**
 * The body of an API call that takes either JSON, or multipart with a "payload" JSON field and
 * files: the raw payload (validated by the caller's schema) and the files.
 */
export async function readPayloadAndFiles(req: FastifyRequest): Promise<{ raw: unknown; files: UploadedFile[] }> {
  if (!req.isMultipart()) return { raw: req.body ?? {}, files: [] };
  const mp = await readMultipart(req);
  try {
    return { raw: JSON.parse(mp.fields.payload ?? '{}'), files: mp.files };
  } catch {
    throw badRequest('error.bad_json');
  }
}
