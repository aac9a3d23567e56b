import type { Actor } from '../auth';
import type { Ctx } from '../context';
import type { Lang } from '../i18n';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
    actor: Actor | null;
    /** Token to put in every form this request renders (CSRF protection). */
    csrfToken: string;
  }
  interface FastifyInstance {
    ctx: Ctx;
  }
}
export {};
