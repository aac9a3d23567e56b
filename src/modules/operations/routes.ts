/** JSON API of the background jobs an operator must see (administrators). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireOfficer } from '../../platform/auth';
import { api } from '../../platform/http/api';
import { actOnJob, listJobs, TROUBLE_STATES } from './service';

const Job = z.object({
  id: z.string(),
  topic: z.string(),
  key: z.string(),
  state: z.enum(TROUBLE_STATES),
  attempts: z.number(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
});

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function operationsRoutes(app: FastifyInstance) {
  const ctx = app.ctx;
  api(app, {
    method: 'GET',
    url: '/api/v1/admin/outbox',
    summary:
      'Background jobs (outbox messages) that failed at least once: retrying, failed or given up, with topic, key, attempts and last error (administrators)',
    tags: ['operations'],
    query: z.object({
      topic: z.string().max(100).optional(),
      state: z.enum(TROUBLE_STATES).optional(),
      page: z.coerce.number().int().min(1).max(1000).optional(),
    }),
    response: z.object({ jobs: z.array(Job), topics: z.array(z.string()), more: z.boolean() }),
    handler: async ({ req, query }) => {
      const r = await listJobs(ctx, requireOfficer(req), query);
      return {
        jobs: r.items.map((j) => ({ ...j, lastAttemptAt: iso(j.lastAttemptAt), nextAttemptAt: iso(j.nextAttemptAt), createdAt: iso(j.createdAt)! })),
        topics: r.topics,
        more: r.more,
      };
    },
  });
  for (const action of ['retry', 'give_up'] as const) {
    api(app, {
      method: 'POST',
      url: `/api/v1/admin/outbox/:id/${action === 'retry' ? 'retry' : 'give-up'}`,
      summary:
        action === 'retry'
          ? 'Tries a job again now, attempts reset (administrators; audited)'
          : 'Gives a job up: it stops and no longer holds back later jobs of its key (administrators; audited)',
      tags: ['operations'],
      params: z.object({ id: z.string().min(1).max(200) }),
      response: z.object({ ok: z.literal(true) }),
      handler: async ({ req, params }) => {
        await actOnJob(ctx, requireOfficer(req), params.id, action, req.ip);
        return { ok: true as const };
      },
    });
  }
}
