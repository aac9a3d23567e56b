import type { FastifyInstance } from 'fastify';

export function signingRoutes(_app: FastifyInstance) {}
