import type { FastifyInstance } from 'fastify';

export function indicatorsPages(_app: FastifyInstance) {}
