import type { FastifyInstance } from 'fastify';

export function cataloguePages(_app: FastifyInstance) {}
