import type { FastifyInstance } from 'fastify';

export function feedbackRoutes(_app: FastifyInstance) {}
