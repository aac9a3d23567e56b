import type { FastifyInstance } from 'fastify';

export function populationPages(_app: FastifyInstance) {}
