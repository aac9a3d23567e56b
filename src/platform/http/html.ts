import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';

/** Sends a server-rendered page. JSX escapes every value by default. */
export function sendPage(reply: FastifyReply, page: VNode<any>, status = 200) {
  reply.code(status).type('text/html; charset=utf-8');
  return reply.send('<!doctype html>' + render(page));
}

/** Whether the client wants HTML (a browser) rather than JSON. */
export function wantsHtml(req: FastifyRequest): boolean {
  if (req.url.startsWith('/api/')) return false;
  const accept = req.headers.accept ?? '';
  return accept.includes('text/html');
}
