import type { FastifyInstance } from 'fastify';
import { loginPages } from './login-pages';

export function identityPages(app: FastifyInstance) {
  loginPages(app);
}
