import type { FastifyInstance } from 'fastify';
import { loginPages } from './login-pages';
import { vneidRoutes } from './vneid';

export function identityPages(app: FastifyInstance) {
  loginPages(app);
  vneidRoutes(app);
}
