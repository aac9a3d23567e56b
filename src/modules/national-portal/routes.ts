import type { FastifyInstance } from 'fastify';

export function nationalPortalRoutes(_app: FastifyInstance) {}
