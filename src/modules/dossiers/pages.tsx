import type { FastifyInstance } from 'fastify';

export function dossiersPages(_app: FastifyInstance) {}
