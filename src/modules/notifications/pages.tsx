import type { FastifyInstance } from 'fastify';

export function notificationsPages(_app: FastifyInstance) {}
