import type { FastifyInstance } from 'fastify';

export function nationalPortalPages(_app: FastifyInstance) {}
