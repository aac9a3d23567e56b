import type { FastifyInstance } from 'fastify';
import { loginPages } from './login-pages';
import { vneidRoutes } from './vneid';
import { profilePages } from './profile-pages';
import { adminPages } from './admin-pages';

export function identityPages(app: FastifyInstance) {
  loginPages(app);
  vneidRoutes(app);
  profilePages(app);
  adminPages(app);
}
