import type { FastifyInstance } from 'fastify';
import { assistantRoutes } from './routes-assistant';
import { feedbackApi } from './routes-api';

export function feedbackRoutes(app: FastifyInstance) {
  assistantRoutes(app);
  feedbackApi(app);
}
