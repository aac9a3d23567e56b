import type { FastifyInstance } from 'fastify';

export function notificationsRoutes(_app: FastifyInstance) {}
