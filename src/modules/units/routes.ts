import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { api } from '../../platform/http/api';
import { requireOfficer } from '../../platform/auth';
import { notFound } from '../../platform/errors';
import { atQuery, createBody, eventView, idParams, mergeBody, moveBody, renameBody, retireBody, unitView, versionView } from './schemas';
import {
  createUnit,
  getUnit,
  normaliseAddressNow,
  mergeUnits,
  moveUnit,
  renameUnit,
  retireUnit,
  today,
  unitHistory,
  unitTree,
  ancestorIds,
  successorOf,
} from './service';

const tags = ['units'];

export function unitsRoutes(app: FastifyInstance) {
  api(app, {
    method: 'GET',
    url: '/api/v1/units',
    summary: 'The tree of administrative units and agencies, as of a date',
    tags,
    query: atQuery,
    response: z.object({ at: z.string(), tree: z.array(z.any()).describe('Nodes: unit fields plus children[]') }),
    handler: async ({ req, query }) => {
      const at = query.at ?? today(req.server.ctx);
      return { at, tree: await unitTree(req.server.ctx, at) };
    },
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/units/address',
    summary: 'An address with the unit names of today: old names and abbreviations accepted, never refused',
    tags,
    query: z.object({ q: z.string().trim().min(1).max(500).describe('An address as typed, e.g. "Phường IV, thành phố Vị Thanh, tỉnh Hậu Giang"') }),
    response: z.object({ input: z.string(), today: z.string(), changed: z.boolean(), unitId: z.string().nullable(), display: z.string() }),
    handler: async ({ req, query }) => normaliseAddressNow(req.server.ctx, query.q),
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/units/:id',
    summary: 'One unit as of a date, with its ancestors, successor and full history',
    tags,
    params: idParams,
    query: atQuery,
    response: z.object({
      at: z.string(),
      unit: unitView.nullable(),
      ancestorIds: z.array(z.string()),
      successorId: z.string().nullable(),
      versions: z.array(versionView.extend({ unitId: z.string() })),
      events: z.array(eventView),
    }),
    handler: async ({ req, params, query }) => {
      const ctx = req.server.ctx;
      const at = query.at ?? today(ctx);
      const history = await unitHistory(ctx, params.id);
      if (!history) throw notFound('units.error.not_found', { id: params.id });
      const [unit, ancestors, successor] = await Promise.all([getUnit(ctx, params.id, at), ancestorIds(ctx, params.id, at), successorOf(ctx, params.id, at)]);
      return { at, unit, ancestorIds: ancestors, successorId: successor, versions: history.versions, events: history.events };
    },
  });

  api(app, {
    method: 'POST',
    url: '/api/v1/units',
    summary: 'Create a unit or agency (administrators)',
    tags,
    body: createBody,
    status: 201,
    response: unitView,
    handler: async ({ req, body }) => createUnit(req.server.ctx, requireOfficer(req, ['admin']), body),
  });

  api(app, {
    method: 'POST',
    url: '/api/v1/units/:id/rename',
    summary: 'Rename a unit from an effective date (administrators)',
    tags,
    params: idParams,
    body: renameBody,
    response: unitView,
    handler: async ({ req, params, body }) => renameUnit(req.server.ctx, requireOfficer(req, ['admin']), { id: params.id, ...body }),
  });

  api(app, {
    method: 'POST',
    url: '/api/v1/units/:id/merge',
    summary: 'Merge units into this one from an effective date (administrators)',
    tags,
    params: idParams,
    body: mergeBody,
    response: unitView,
    handler: async ({ req, params, body }) => mergeUnits(req.server.ctx, requireOfficer(req, ['admin']), { targetId: params.id, ...body }),
  });

  api(app, {
    method: 'POST',
    url: '/api/v1/units/:id/move',
    summary: 'Attach a unit to another parent from an effective date (administrators)',
    tags,
    params: idParams,
    body: moveBody,
    response: unitView,
    handler: async ({ req, params, body }) => moveUnit(req.server.ctx, requireOfficer(req, ['admin']), { id: params.id, ...body }),
  });

  api(app, {
    method: 'POST',
    url: '/api/v1/units/:id/retire',
    summary: 'Retire a unit and the agencies inside it from an effective date (administrators)',
    tags,
    params: idParams,
    body: retireBody,
    status: 204,
    handler: async ({ req, reply, params, body }) => {
      await retireUnit(req.server.ctx, requireOfficer(req, ['admin']), { id: params.id, ...body });
      return reply.code(204).send();
    },
  });
}
