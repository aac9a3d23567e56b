import type { FastifyInstance } from 'fastify';

export function warehousePages(_app: FastifyInstance) {}
