import type { FastifyRequest } from 'fastify';

/** The hidden CSRF field every POST form carries (see src/modules/identity/csrf.ts). */
export function CsrfField({ req }: { req: FastifyRequest }) {
  return <input type="hidden" name="_csrf" value={req.csrfToken} />;
}
