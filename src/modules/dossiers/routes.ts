import type { FastifyInstance } from 'fastify';

export function dossiersRoutes(_app: FastifyInstance) {}
