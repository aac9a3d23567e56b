import type { Actor } from '../auth';
import type { Ctx } from '../context';
import type { Lang } from '../i18n';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
    actor: Actor | null;
    /** Token to put in every form this request renders (CSRF protection). */
    csrfToken: string;
    /** The province this system serves today, as the units module names it (pages only; '' elsewhere). */
    provinceName: string;
  }
  interface FastifyInstance {
    ctx: Ctx;
  }
}
export {};
