import type { FastifyInstance } from 'fastify';

export function warehouseRoutes(_app: FastifyInstance) {}
