import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Layout } from '../../web/layout';
import { sendPage } from '../../platform/http/html';
import { validate } from '../../platform/http/validate';
import { AppError } from '../../platform/errors';
import { requireOfficer, type Actor } from '../../platform/auth';
import { t, type KeysUnder, type Lang } from '../../platform/i18n';
import { AGENCY_TYPES, isCivilDate, UNIT_KINDS, type TreeNode } from './model';
import { createUnit, mergeUnits, moveUnit, renameUnit, retireUnit, today, unitTree } from './service';
import { createBody, mergeBody, moveBody, renameBody, retireBody } from './schemas';

function UnitList({ nodes, lang }: { nodes: TreeNode[]; lang: Lang }) {
  return (
    <ul class="unit-tree">
      {nodes.map((n) => (
        <li>
          <strong>{n.name}</strong>
          {(n.code ?? n.agencyCode) && (
            <span>
              {' '}
              · {t(lang, 'units.col.code')}: <code>{n.code ?? n.agencyCode}</code>
            </span>
          )}
          {n.hotline && (
            <span>
              {' '}
              · {t(lang, 'units.col.hotline')}: <a href={`tel:${n.hotline.replace(/\s/g, '')}`}>{n.hotline}</a>
            </span>
          )}
          {n.children.length > 0 && <UnitList nodes={n.children} lang={lang} />}
        </li>
      ))}
    </ul>
  );
}

function flatten(nodes: TreeNode[], depth = 0): { node: TreeNode; depth: number }[] {
  return nodes.flatMap((n) => [{ node: n, depth }, ...flatten(n.children, depth + 1)]);
}

function PublicPage({ req, at, tree }: { req: FastifyRequest; at: string; tree: TreeNode[] }) {
  const lang = req.lang;
  return (
    <Layout req={req} title={t(lang, 'units.page.title')}>
      <h1>{t(lang, 'units.page.title')}</h1>
      <p>{t(lang, 'units.page.intro')}</p>
      <form method="get" action="/don-vi">
        <label for="at">{t(lang, 'units.page.at')}</label> <input id="at" name="at" type="date" value={at} />{' '}
        <button type="submit">{t(lang, 'units.page.show')}</button>
      </form>
      {tree.length === 0 ? <p>{t(lang, 'units.page.empty')}</p> : <UnitList nodes={tree} lang={lang} />}
    </Layout>
  );
}

interface Opt {
  id: string;
  label: string;
}

function Select({ name, label, options, optional, multiple }: { name: string; label: string; options: Opt[]; optional?: string; multiple?: boolean }) {
  const id = `f-${name}-${label.length}`;
  return (
    <p>
      <label for={id}>{label}</label>
      <br />
      <select id={id} name={name} multiple={multiple} size={multiple ? 6 : undefined}>
        {optional !== undefined && <option value="">{optional}</option>}
        {options.map((o) => (
          <option value={o.id}>{o.label}</option>
        ))}
      </select>
    </p>
  );
}

function Field({ form, name, label, type = 'text', required }: { form: string; name: string; label: string; type?: string; required?: boolean }) {
  const id = `f-${form}-${name}`;
  return (
    <p>
      <label for={id}>{label}</label>
      <br />
      <input id={id} name={name} type={type} required={required} />
    </p>
  );
}

function AdminForm({ req, action, title, children }: { req: FastifyRequest; action: string; title: string; children: any }) {
  return (
    <section>
      <h2>{title}</h2>
      <form method="post" action={`/quan-tri/don-vi/${action}`}>
        <input type="hidden" name="_csrf" value={req.csrfToken} />
        {children}
        <button type="submit">{t(req.lang, 'units.admin.submit')}</button>
      </form>
    </section>
  );
}

function AdminPage({
  req,
  tree,
  notice,
  error,
}: {
  req: FastifyRequest;
  tree: TreeNode[];
  notice?: string;
  error?: { message: string; fields?: { field: string; message: string }[] };
}) {
  const lang = req.lang;
  const all = flatten(tree).map(({ node, depth }) => ({ id: node.id, label: `${'— '.repeat(depth)}${node.name}`, kind: node.kind }));
  const units = all.filter((o) => o.kind !== 'agency');
  const f = (k: KeysUnder<'units.field.'>) => t(lang, `units.field.${k}`);
  const common = (form: string) => [
    <Field form={form} name="effectiveDate" label={f('effective_date')} type="date" required />,
    <Field form={form} name="decision" label={f('decision')} required />,
  ];
  return (
    <Layout req={req} title={t(lang, 'units.admin.title')}>
      <h1>{t(lang, 'units.admin.title')}</h1>
      <p>{t(lang, 'units.admin.intro')}</p>
      {notice && <p role="status">{notice}</p>}
      {error && (
        <div class="error-summary" role="alert">
          <p>{error.message}</p>
          {error.fields && (
            <ul>
              {error.fields.map((x) => (
                <li>
                  <strong>{x.field}</strong>: {x.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <AdminForm req={req} action="doi-ten" title={t(lang, 'units.admin.rename')}>
        <Select name="id" label={f('unit')} options={all} />
        <Field form="rename" name="name" label={f('name')} required />
        {common('rename')}
      </AdminForm>
      <AdminForm req={req} action="sap-nhap" title={t(lang, 'units.admin.merge')}>
        <Select name="targetId" label={f('target')} options={units} />
        <Select name="sourceIds" label={f('sources')} options={units} multiple />
        <Field form="merge" name="name" label={f('name')} />
        {common('merge')}
      </AdminForm>
      <AdminForm req={req} action="chuyen" title={t(lang, 'units.admin.move')}>
        <Select name="id" label={f('unit')} options={all} />
        <Select name="parentId" label={f('parent')} options={all} />
        {common('move')}
      </AdminForm>
      <AdminForm req={req} action="giai-the" title={t(lang, 'units.admin.retire')}>
        <Select name="id" label={f('unit')} options={all} />
        <Select name="successorId" label={f('successor')} options={all} optional={f('none')} />
        {common('retire')}
      </AdminForm>
      <AdminForm req={req} action="thanh-lap" title={t(lang, 'units.admin.create')}>
        <Select name="kind" label={f('kind')} options={UNIT_KINDS.filter((k) => k !== 'province').map((k) => ({ id: k, label: t(lang, `units.kind.${k}`) }))} />
        <Select
          name="agencyType"
          label={f('agency_type')}
          options={AGENCY_TYPES.map((k) => ({ id: k, label: t(lang, `units.agency.${k}`) }))}
          optional={f('none')}
        />
        <Field form="create" name="name" label={f('new_name')} required />
        <Select name="parentId" label={f('parent')} options={all} />
        <Field form="create" name="code" label={f('code')} />
        <Field form="create" name="agencyCode" label={f('agency_code')} />
        <Field form="create" name="id" label={f('id')} />
        <Field form="create" name="hotline" label={f('hotline')} />
        <Field form="create" name="address" label={f('address')} />
        <Field form="create" name="validFrom" label={f('effective_date')} type="date" required />
        <Field form="create" name="decision" label={f('decision')} />
      </AdminForm>
      <h2>{t(lang, 'units.page.title')}</h2>
      <UnitList nodes={tree} lang={lang} />
    </Layout>
  );
}

/** Form bodies: drop empty fields and the CSRF token; make the multi-select a list. */
function formInput(body: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (k === '_csrf' || v === '' || v === undefined) continue;
    out[k] = v;
  }
  if (typeof out.sourceIds === 'string') out.sourceIds = [out.sourceIds];
  return out;
}

const withId = z.object({ id: z.string().min(1).max(100) });
const withTarget = z.object({ targetId: z.string().min(1).max(100) });

type Action = (req: FastifyRequest, actor: Actor, input: Record<string, unknown>) => Promise<unknown>;

const actions: Record<string, Action> = {
  'doi-ten': (req, actor, input) => renameUnit(req.server.ctx, actor, { ...validate(withId, input, req.lang), ...validate(renameBody, input, req.lang) }),
  'sap-nhap': (req, actor, input) => mergeUnits(req.server.ctx, actor, { ...validate(withTarget, input, req.lang), ...validate(mergeBody, input, req.lang) }),
  chuyen: (req, actor, input) => moveUnit(req.server.ctx, actor, { ...validate(withId, input, req.lang), ...validate(moveBody, input, req.lang) }),
  'giai-the': (req, actor, input) => retireUnit(req.server.ctx, actor, { ...validate(withId, input, req.lang), ...validate(retireBody, input, req.lang) }),
  'thanh-lap': (req, actor, input) => createUnit(req.server.ctx, actor, validate(createBody, input, req.lang)),
};

async function renderAdmin(req: FastifyRequest, reply: FastifyReply, status = 200, error?: { message: string; fields?: { field: string; message: string }[] }) {
  const tree = await unitTree(req.server.ctx);
  const notice = (req.query as Record<string, string> | undefined)?.ok ? t(req.lang, 'units.admin.done') : undefined;
  return sendPage(reply, <AdminPage req={req} tree={tree} notice={notice} error={error} />, status);
}

export function unitsPages(app: FastifyInstance) {
  app.get('/don-vi', async (req, reply) => {
    const q = (req.query as Record<string, string> | undefined)?.at;
    const at = q && isCivilDate(q) ? q : today(app.ctx);
    return sendPage(reply, <PublicPage req={req} at={at} tree={await unitTree(app.ctx, at)} />);
  });

  app.get('/quan-tri/don-vi', async (req, reply) => {
    requireOfficer(req, ['admin']);
    return renderAdmin(req, reply);
  });

  app.post('/quan-tri/don-vi/:action', async (req, reply) => {
    const actor = requireOfficer(req, ['admin']);
    const action = actions[(req.params as { action: string }).action];
    if (!action) return reply.callNotFound();
    try {
      await action(req, actor, formInput(req.body));
    } catch (err) {
      if (!(err instanceof AppError) || err.status === 401 || err.status === 403) throw err;
      return renderAdmin(req, reply, err.status, { message: t(req.lang, err.key, err.params), fields: err.fields });
    }
    return reply.code(303).redirect('/quan-tri/don-vi?ok=1');
  });
}
