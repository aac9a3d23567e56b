import type { FastifyInstance } from 'fastify';

export function paymentsPages(_app: FastifyInstance) {}
