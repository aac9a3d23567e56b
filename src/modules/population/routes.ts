import type { FastifyInstance } from 'fastify';

export function populationRoutes(_app: FastifyInstance) {}
