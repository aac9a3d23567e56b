import type { FastifyInstance } from 'fastify';

export function identityRoutes(_app: FastifyInstance) {}
