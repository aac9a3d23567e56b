import { provinceLevelOfficer } from '../../identity/service';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors';
import { t } from '../../../platform/i18n';
import { formOf, type FormBody } from '../admin-form';
import { getDraft, getProcedure, getVersion, recordOf, setBoundaryFree } from '../service';
import type { BoundaryFreePeriod } from '../boundary-free';
import type { VersionSummary } from '../model';
import { vnDate } from '../view';
import { BASE, CONTROLLER, Csrf, fieldText } from './common';
import { EMPTY_FORM, editPage } from './edit';
import { listPage } from './list';

/** The version's periods on the province's "phi địa giới" list (Decree 118/2025 Art. 14(2)): listed, removable, one more added. */
export function BoundaryFreeSection({
  req,
  code,
  listed,
}: {
  req: FastifyRequest;
  code: string;
  listed: { v: VersionSummary; periods: BoundaryFreePeriod[] }[];
}) {
  const lang = req.lang;
  return (
    <section aria-labelledby="h-boundary-free">
      <h2 id="h-boundary-free">{t(lang, 'catalogue.boundaryFree.title')}</h2>
      <p class="hint">{t(lang, 'catalogue.boundaryFree.hint')}</p>
      {listed.map(({ v, periods }) => (
        <div class="boundary-free-version">
          <h3>
            #{v.seq} – {t(lang, v.status === 'published' ? 'catalogue.admin.published' : 'catalogue.admin.draft')}
            {v.effectiveFrom ? ` (${vnDate(v.effectiveFrom)})` : ''}
          </h3>
          {periods.length === 0 ? <p>{t(lang, 'catalogue.boundaryFree.none')}</p> : null}
          <ul>
            {periods.map((p, i) => (
              <li>
                {p.validTo
                  ? t(lang, 'catalogue.boundaryFree.period', { from: vnDate(p.validFrom), to: vnDate(p.validTo), decision: p.decision })
                  : t(lang, 'catalogue.boundaryFree.periodOpen', { from: vnDate(p.validFrom), decision: p.decision })}{' '}
                <form method="post" action={`${BASE}/phien-ban/${v.versionId}/phi-dia-gioi/xoa`} class="inline">
                  <Csrf req={req} />
                  <input type="hidden" name="code" value={code} />
                  <input type="hidden" name="index" value={String(i)} />
                  <button type="submit" class="secondary">
                    {t(lang, 'catalogue.boundaryFree.remove')}
                  </button>
                </form>
              </li>
            ))}
          </ul>
          <form method="post" action={`${BASE}/phien-ban/${v.versionId}/phi-dia-gioi`}>
            <Csrf req={req} />
            <input type="hidden" name="code" value={code} />
            <label for={`bf-from-${v.versionId}`}>{t(lang, 'catalogue.boundaryFree.from')}</label>
            <input type="date" id={`bf-from-${v.versionId}`} name="validFrom" required />
            <label for={`bf-to-${v.versionId}`}>{t(lang, 'catalogue.boundaryFree.to')}</label>
            <input type="date" id={`bf-to-${v.versionId}`} name="validTo" />
            <label for={`bf-decision-${v.versionId}`}>{t(lang, 'catalogue.boundaryFree.decisionLabel')}</label>
            <input id={`bf-decision-${v.versionId}`} name="decision" maxLength={300} required />
            <button type="submit">{t(lang, 'catalogue.boundaryFree.add')}</button>
          </form>
        </div>
      ))}
    </section>
  );
}

/** Adds (or removes) one period of a version on the list and comes back to the procedure's page; a refusal is shown there, nothing changed. */
export async function changeBoundaryFree(
  req: FastifyRequest,
  reply: FastifyReply,
  change: (periods: BoundaryFreePeriod[], b: FormBody) => Partial<BoundaryFreePeriod>[],
) {
  const actor = await provinceLevelOfficer(req, CONTROLLER);
  const { id } = req.params as { id: string };
  const b = (req.body ?? {}) as FormBody;
  const ctx = req.server.ctx;
  const v = /^[0-9a-f-]{36}$/.test(id) ? await getVersion(ctx, id) : null;
  if (!v) return listPage(req, reply, t(req.lang, 'catalogue.version_not_found'), undefined, 404);
  try {
    await setBoundaryFree(ctx, actor, v.versionId, change(v.boundaryFree, b));
  } catch (e) {
    if (!(e instanceof AppError) || e.status !== 400) throw e;
    const cur = (await getDraft(ctx, v.code)) ?? (await getProcedure(ctx, v.code));
    const msg = [t(req.lang, e.key, e.params), ...(e.fields ?? []).map((f) => fieldText(req.lang, f.message))].join(' ');
    return editPage(req, reply, v.code, cur ? formOf(recordOf(cur)) : { ...EMPTY_FORM, code: v.code }, [], 400, { error: msg });
  }
  const notice = t(req.lang, 'catalogue.boundaryFree.done', { code: v.code });
  return reply.redirect(`${BASE}/${encodeURIComponent(v.code)}/sua?ok=${encodeURIComponent(notice)}#h-boundary-free`, 303);
}
