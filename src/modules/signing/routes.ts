import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { api } from '../../platform/http/api';
import { readUploadedPdf } from './upload';
import { verifyPdfSignatures } from './service';

const checkSchema = z.object({
  signerName: z.string(),
  signerSubject: z.string(),
  issuer: z.string(),
  signedAt: z.string().nullable(),
  reason: z.string().nullable(),
  valid: z.boolean(),
  coversWholeDocument: z.boolean(),
  trusted: z.boolean(),
  problems: z.array(z.string()),
});

export function signingRoutes(app: FastifyInstance) {
  api(app, {
    method: 'POST',
    url: '/api/v1/signatures/verify',
    summary: 'Check the digital signatures of a PDF (multipart field "file"): signer, time, validity, trust',
    tags: ['signing'],
    multipart: true,
    body: z.object({ file: z.any().describe('the PDF file') }),
    response: z.object({ signatures: z.array(checkSchema) }),
    handler: async ({ req }) => {
      const { bytes } = await readUploadedPdf(req);
      return { signatures: verifyPdfSignatures(req.server.ctx, bytes) };
    },
  });
}
