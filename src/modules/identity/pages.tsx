import type { FastifyInstance } from 'fastify';

export function identityPages(_app: FastifyInstance) {}
