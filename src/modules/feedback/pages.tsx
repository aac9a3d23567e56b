import type { FastifyInstance } from 'fastify';

export function feedbackPages(_app: FastifyInstance) {}
