/** /quan-tri/tac-vu: the background jobs that failed, for administrators: filter, retry, give up (POST + redirect). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireOfficer } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import { formatDateTimeVN } from '../../platform/dates';
import { sendPage } from '../../platform/http/html';
import { t } from '../../platform/i18n';
import { CsrfField } from '../../web/csrf';
import { Layout } from '../../web/layout';
import { actOnJob, listJobs, TROUBLE_STATES, type JobAction, type TroubleMessage, type TroubleState } from './service';

const BASE = '/quan-tri/tac-vu';
const when = (d: Date | null) => (d ? formatDateTimeVN(d) : '—');

interface Filter {
  topic: string;
  state: TroubleState | '';
}

function JobsPage({
  req,
  jobs,
  topics,
  filter,
  done,
  error,
}: {
  req: FastifyRequest;
  jobs: TroubleMessage[];
  topics: string[];
  filter: Filter;
  done: 'retry' | 'give_up' | null;
  error: string | null;
}) {
  const lang = req.lang;
  const back = `${BASE}?${new URLSearchParams({ ...(filter.topic ? { topic: filter.topic } : {}), ...(filter.state ? { state: filter.state } : {}) }).toString()}`;
  return (
    <Layout req={req} title={t(lang, 'operations.title')}>
      <h1>{t(lang, 'operations.title')}</h1>
      <p>{t(lang, 'operations.intro')}</p>
      {done && (
        <div class="notice" role="status">
          <p>{t(lang, `operations.done.${done}`)}</p>
        </div>
      )}
      {error && (
        <div class="error-summary" role="alert" tabIndex={-1}>
          <p>{error}</p>
        </div>
      )}
      <form method="get" action={BASE} class="card">
        <label for="topic">{t(lang, 'operations.filter.topic')}</label>
        <select id="topic" name="topic">
          <option value="">{t(lang, 'operations.filter.all')}</option>
          {topics.map((x) => (
            <option value={x} selected={x === filter.topic}>
              {x}
            </option>
          ))}
        </select>
        <label for="state">{t(lang, 'operations.filter.state')}</label>
        <select id="state" name="state">
          <option value="">{t(lang, 'operations.filter.all')}</option>
          {TROUBLE_STATES.map((x) => (
            <option value={x} selected={x === filter.state}>
              {t(lang, `operations.state.${x}`)}
            </option>
          ))}
        </select>
        <button type="submit" class="secondary">
          {t(lang, 'operations.filter.apply')}
        </button>
      </form>
      <p role="status">{jobs.length === 0 ? t(lang, 'operations.none') : t(lang, 'operations.count', { n: jobs.length })}</p>
      <ul class="cards">
        {jobs.map((j) => (
          <li class="card" id={`job-${j.id}`}>
            <h2 class="card-title">{j.topic}</h2>
            <p>
              <span class={j.state === 'given_up' ? 'tag' : 'tag late'}>{t(lang, `operations.state.${j.state}`)}</span>
            </p>
            <dl class="summary">
              <dt>{t(lang, 'operations.key')}</dt>
              <dd>{j.key}</dd>
              <dt>{t(lang, 'operations.attempts')}</dt>
              <dd>{j.attempts}</dd>
              <dt>{t(lang, 'operations.lastError')}</dt>
              <dd class="job-error">{j.lastError ?? '—'}</dd>
              <dt>{t(lang, 'operations.lastAttemptAt')}</dt>
              <dd>{when(j.lastAttemptAt)}</dd>
              {j.state === 'retrying' && (
                <>
                  <dt>{t(lang, 'operations.nextAttemptAt')}</dt>
                  <dd>{when(j.nextAttemptAt)}</dd>
                </>
              )}
              <dt>{t(lang, 'operations.createdAt')}</dt>
              <dd>{when(j.createdAt)}</dd>
            </dl>
            <form method="post" action={`${BASE}/${encodeURIComponent(j.id)}/thu-lai`} class="inline">
              <CsrfField req={req} />
              <input type="hidden" name="back" value={back} />
              <button type="submit">{t(lang, 'operations.retry')}</button>
            </form>
            {j.state !== 'given_up' && (
              <form method="post" action={`${BASE}/${encodeURIComponent(j.id)}/bo-qua`} class="inline">
                <CsrfField req={req} />
                <input type="hidden" name="back" value={back} />
                <button type="submit" class="danger">
                  {t(lang, 'operations.giveUp')}
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
    </Layout>
  );
}

function filterOf(q: Record<string, unknown>): Filter {
  const topic = typeof q.topic === 'string' ? q.topic.slice(0, 100) : '';
  const state = typeof q.state === 'string' && (TROUBLE_STATES as readonly string[]).includes(q.state) ? (q.state as TroubleState) : '';
  return { topic, state };
}

export function operationsPages(app: FastifyInstance) {
  const ctx = app.ctx;
  const render = async (req: FastifyRequest, filter: Filter, done: 'retry' | 'give_up' | null, error: string | null) => {
    const r = await listJobs(ctx, requireOfficer(req), { topic: filter.topic || undefined, state: filter.state || undefined });
    return <JobsPage req={req} jobs={r.items} topics={r.topics} filter={filter} done={done} error={error} />;
  };
  app.get(BASE, async (req, reply) => {
    const q = (req.query ?? {}) as Record<string, unknown>;
    const done = q.xong === 'retry' || q.xong === 'give_up' ? q.xong : null;
    return sendPage(reply, await render(req, filterOf(q), done, null));
  });
  const post = (path: string, action: JobAction) =>
    app.post(`${BASE}/:id/${path}`, async (req, reply) => {
      const actor = requireOfficer(req);
      const id = (req.params as { id: string }).id;
      const b = (req.body ?? {}) as Record<string, unknown>;
      const back = typeof b.back === 'string' && b.back.startsWith(`${BASE}?`) ? b.back : `${BASE}?`;
      try {
        await actOnJob(ctx, actor, id, action, req.ip);
      } catch (err) {
        if (!(err instanceof AppError) || err.status === 403) throw err;
        const filter = filterOf(Object.fromEntries(new URLSearchParams(back.slice(BASE.length + 1))));
        return sendPage(reply, await render(req, filter, null, t(req.lang, err.key, err.params)), err.status);
      }
      return reply.redirect(`${back}${back.endsWith('?') ? '' : '&'}xong=${action}`, 303);
    });
  post('thu-lai', 'retry');
  post('bo-qua', 'give_up');
}
