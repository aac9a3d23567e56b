import type { FastifyInstance } from 'fastify';

export function calendarRoutes(_app: FastifyInstance) {}
