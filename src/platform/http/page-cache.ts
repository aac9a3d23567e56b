/**
 * Rendered HTML of pages with nothing personal on them, per language (issue 15, item 2): the
 * anonymous reader of the home page, search, a procedure page or the public indicators gets the
 * bytes rendered for the previous anonymous reader of the same URL, language and province name.
 *
 * Only anonymous requests (no req.actor) read or fill it: a logged-in citizen's or officer's
 * page has their name and a CSRF token in the header and is always rendered for them (and sent
 * `private, no-store`, see cache.ts). A request with a session cookie that does not resolve to a
 * session is anonymous and gets the anonymous page, never anyone's personal one.
 *
 * A memo belongs to a `token` naming the state of what the pages are rendered from (the catalogue
 * read model's generation, the day, an indicator snapshot); a new token empties it. `ttlMs` bounds
 * what has no event (the unit tree's names). At most MAX_PAGES pages per memo.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { sendPage } from './html';
import { weakEtag } from './cache';
import { serializeAnswer } from './api';

const MAX_PAGES = 500;

/**
 * An answer as sent, with its validator computed once when it was kept: a hit costs a map lookup,
 * no render, no serialisation and no hash (the caching hook, cache.ts, reuses the ETag set here).
 */
export interface SharedAnswer {
  body: string;
  etag: string;
}
export type SharedPages = Map<string, SharedAnswer>;

export class PageMemo {
  private token: string | null = null;
  private since = 0;
  private pages: SharedPages = new Map();
  constructor(private ttlMs = 60_000) {}

  /** The pages of `token` (emptied when the token changed or the memo is older than ttlMs). */
  pagesFor(token: string): SharedPages {
    const now = Date.now();
    if (token !== this.token || now - this.since > this.ttlMs) {
      this.token = token;
      this.since = now;
      this.pages = new Map();
    }
    return this.pages;
  }
}

/** Memos per scope (a database handle): two databases in one process never share pages. */
const memos = new WeakMap<object, Map<string, PageMemo>>();
export function pageMemo(scope: object, name: string, ttlMs?: number): PageMemo {
  let byName = memos.get(scope);
  if (!byName) memos.set(scope, (byName = new Map()));
  let m = byName.get(name);
  if (!m) byName.set(name, (m = new PageMemo(ttlMs)));
  return m;
}

function keyOf(req: FastifyRequest): string {
  return `${req.lang}|${req.provinceName}|${req.url}`;
}

/**
 * Sends the page from `pages` for an anonymous request, or renders it (and keeps it when
 * anonymous). `build` may throw (a 404): nothing is kept then.
 */
export async function sendSharedPage(req: FastifyRequest, reply: FastifyReply, pages: SharedPages | null, build: () => VNode<object> | Promise<VNode<object>>) {
  if (req.actor || !pages) return sendPage(reply, await build());
  const key = keyOf(req);
  const hit = pages.get(key);
  if (hit !== undefined) return sendAnswer(reply, HTML, hit);
  const page = await build();
  // Rendered with this request's state: kept only if it is still anonymous and 200.
  const html = '<!doctype html>' + render(page);
  if (req.actor) return reply.code(200).type(HTML).send(html);
  return sendAnswer(reply, HTML, keep(pages, key, html));
}

/**
 * The JSON answer of a public API read for an anonymous request: serialised once per `key` (the
 * validated query, normalised by the caller) and language, then sent as the same bytes. A request
 * with an actor gets `build()` serialised for it and nothing is kept; `build` may throw (a 400 or
 * 404): nothing is kept then either.
 */
export async function sendSharedJson(req: FastifyRequest, reply: FastifyReply, pages: SharedPages | null, key: string, build: () => Promise<unknown>) {
  if (req.actor || !pages) return reply.code(200).send(await build());
  const full = `${req.lang}|${key}`;
  const hit = pages.get(full);
  if (hit !== undefined) return sendAnswer(reply, JSON_TYPE, hit);
  // Through the route's response schema, as an answer sent as an object is (api.ts): the cache keeps what the schema lists.
  const body = serializeAnswer(reply, await build());
  if (req.actor) return reply.code(200).type(JSON_TYPE).send(body);
  return sendAnswer(reply, JSON_TYPE, keep(pages, full, body));
}

const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

function keep(pages: SharedPages, key: string, body: string): SharedAnswer {
  if (pages.size >= MAX_PAGES) pages.clear();
  const answer = { body, etag: weakEtag(body) };
  pages.set(key, answer);
  return answer;
}

function sendAnswer(reply: FastifyReply, type: string, a: SharedAnswer) {
  // The ETag of these bytes: the caching hook keeps it (or drops it for a private answer) instead of hashing again.
  return reply.code(200).type(type).header('etag', a.etag).send(a.body);
}
