import type { FastifyInstance } from 'fastify';

export function unitsRoutes(_app: FastifyInstance) {}
