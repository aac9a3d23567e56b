import type { FastifyInstance } from 'fastify';

export function signingPages(_app: FastifyInstance) {}
