import type { FastifyRequest } from 'fastify';
import { badRequest } from '../../platform/errors';
import { sniffType } from '../../platform/blobs';

/** The first file part of a multipart request, which must be a PDF (sniffed from its content). */
export async function readUploadedPdf(req: FastifyRequest): Promise<{ bytes: Buffer; fileName: string }> {
  const file = req.isMultipart() ? await req.file() : undefined;
  if (!file) throw badRequest('signing.no_file');
  const bytes = await file.toBuffer();
  if (bytes.length === 0) throw badRequest('signing.no_file');
  if (sniffType(bytes) !== 'pdf') throw badRequest('signing.not_pdf');
  return { bytes, fileName: file.filename || 'tep.pdf' };
}
