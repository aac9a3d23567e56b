import type { FastifyInstance } from 'fastify';

export function indicatorsRoutes(_app: FastifyInstance) {}
