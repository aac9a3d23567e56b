import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { api } from '../../platform/http/api';
import { ask } from './assistant/answer';

const tags = ['feedback'];

export const assistantBody = z.object({ question: z.string().trim().min(1).max(500).describe("The person's question, in Vietnamese") });
export const assistantReply = z.object({
  answer: z.string(),
  known: z.boolean().describe('False when the assistant did not find an answer (the text then gives the hotline)'),
  procedures: z.array(z.object({ code: z.string(), name: z.string(), url: z.string() })).describe('Most relevant first'),
  dossiers: z
    .array(z.object({ code: z.string(), procedure: z.string(), state: z.string() }))
    .describe("The logged-in person's recent dossiers, when asked about"),
  contacts: z.array(z.object({ unitId: z.string(), name: z.string(), hotline: z.string().nullable(), address: z.string().nullable() })),
});

export function assistantRoutes(app: FastifyInstance) {
  api(app, {
    method: 'POST',
    url: '/api/v1/assistant',
    summary: "Virtual assistant: answers a question from the catalogue, the FAQ and (logged in) the person's own dossiers",
    tags,
    body: assistantBody,
    response: assistantReply,
    handler: async ({ req, body }) => ask(req.server.ctx, req.actor, body.question, req.lang),
  });
}
