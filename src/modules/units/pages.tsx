import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Layout } from '../../web/layout';
import { sendPage } from '../../platform/http/html';
import { validate, type FieldLabels } from '../../platform/http/validate';
import { AppError, type FieldError } from '../../platform/errors';
import { FieldMessage, FormErrorSummary, describedBy } from '../../web/form-errors';
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

type Refusal = { message: string; fields?: FieldError[] } | undefined;

function Select({
  form,
  name,
  label,
  options,
  optional,
  multiple,
  error,
}: {
  form: string;
  name: string;
  label: string;
  options: Opt[];
  optional?: string;
  multiple?: boolean;
  error?: Refusal;
}) {
  const id = `f-${form}-${name}`;
  return (
    <p>
      <label for={id}>{label}</label>
      <br />
      <FieldMessage id={id} error={error} field={name} />
      <select id={id} name={name} multiple={multiple} size={multiple ? 6 : undefined} {...describedBy(id, error, name)}>
        {optional !== undefined && <option value="">{optional}</option>}
        {options.map((o) => (
          <option value={o.id}>{o.label}</option>
        ))}
      </select>
    </p>
  );
}

function Field({
  form,
  name,
  label,
  type = 'text',
  required,
  error,
}: {
  form: string;
  name: string;
  label: string;
  type?: string;
  required?: boolean;
  error?: Refusal;
}) {
  const id = `f-${form}-${name}`;
  return (
    <p>
      <label for={id}>{label}</label>
      <br />
      <FieldMessage id={id} error={error} field={name} />
      <input id={id} name={name} type={type} required={required} {...describedBy(id, error, name)} />
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
  error?: { message: string; fields?: FieldError[]; form?: string };
}) {
  const lang = req.lang;
  const form = error?.form;
  /** The refusal of the form that was posted, for its fields' messages. */
  const e = (name: string) => (form === name ? error : undefined);
  const all = flatten(tree).map(({ node, depth }) => ({ id: node.id, label: `${'— '.repeat(depth)}${node.name}`, kind: node.kind }));
  const units = all.filter((o) => o.kind !== 'agency');
  const f = (k: KeysUnder<'units.field.'>) => t(lang, `units.field.${k}`);
  const common = (name: string) => [
    <Field form={name} name="effectiveDate" label={f('effective_date')} type="date" required error={e(name)} />,
    <Field form={name} name="decision" label={f('decision')} required error={e(name)} />,
  ];
  return (
    <Layout req={req} title={t(lang, 'units.admin.title')}>
      <h1>{t(lang, 'units.admin.title')}</h1>
      <p>{t(lang, 'units.admin.intro')}</p>
      {notice && <p role="status">{notice}</p>}
      <FormErrorSummary lang={lang} error={error} idOf={(field) => (form ? `f-${form}-${field.split('.')[0]}` : undefined)} />
      <AdminForm req={req} action="doi-ten" title={t(lang, 'units.admin.rename')}>
        <Select form="rename" error={e('rename')} name="id" label={f('unit')} options={all} />
        <Field form="rename" error={e('rename')} name="name" label={f('name')} required />
        {common('rename')}
      </AdminForm>
      <AdminForm req={req} action="sap-nhap" title={t(lang, 'units.admin.merge')}>
        <Select form="merge" error={e('merge')} name="targetId" label={f('target')} options={units} />
        <Select form="merge" error={e('merge')} name="sourceIds" label={f('sources')} options={units} multiple />
        <Field form="merge" error={e('merge')} name="name" label={f('name')} />
        {common('merge')}
      </AdminForm>
      <AdminForm req={req} action="chuyen" title={t(lang, 'units.admin.move')}>
        <Select form="move" error={e('move')} name="id" label={f('unit')} options={all} />
        <Select form="move" error={e('move')} name="parentId" label={f('parent')} options={all} />
        {common('move')}
      </AdminForm>
      <AdminForm req={req} action="giai-the" title={t(lang, 'units.admin.retire')}>
        <Select form="retire" error={e('retire')} name="id" label={f('unit')} options={all} />
        <Select form="retire" error={e('retire')} name="successorId" label={f('successor')} options={all} optional={f('none')} />
        {common('retire')}
      </AdminForm>
      <AdminForm req={req} action="thanh-lap" title={t(lang, 'units.admin.create')}>
        <Select
          form="create"
          error={e('create')}
          name="kind"
          label={f('kind')}
          options={UNIT_KINDS.filter((k) => k !== 'province').map((k) => ({ id: k, label: t(lang, `units.kind.${k}`) }))}
        />
        <Select
          form="create"
          error={e('create')}
          name="agencyType"
          label={f('agency_type')}
          options={AGENCY_TYPES.map((k) => ({ id: k, label: t(lang, `units.agency.${k}`) }))}
          optional={f('none')}
        />
        <Field form="create" error={e('create')} name="name" label={f('new_name')} required />
        <Select form="create" error={e('create')} name="parentId" label={f('parent')} options={all} />
        <Field form="create" error={e('create')} name="code" label={f('code')} />
        <Field form="create" error={e('create')} name="agencyCode" label={f('agency_code')} />
        <Field form="create" error={e('create')} name="id" label={f('id')} />
        <Field form="create" error={e('create')} name="hotline" label={f('hotline')} />
        <Field form="create" error={e('create')} name="address" label={f('address')} />
        <Field form="create" error={e('create')} name="validFrom" label={f('effective_date')} type="date" required />
        <Field form="create" error={e('create')} name="decision" label={f('decision')} />
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

/** Each admin form's fields, path -> the key of the label it shows (the refusals name them: issue 13). */
const common = { effectiveDate: 'units.field.effective_date', decision: 'units.field.decision' } as const;
const LABELS = {
  rename: { id: 'units.field.unit', name: 'units.field.name', ...common, code: 'units.field.code', agencyCode: 'units.field.agency_code' },
  merge: { targetId: 'units.field.target', sourceIds: 'units.field.sources', name: 'units.field.name', ...common },
  move: { id: 'units.field.unit', parentId: 'units.field.parent', ...common },
  retire: { id: 'units.field.unit', successorId: 'units.field.successor', ...common },
  create: {
    kind: 'units.field.kind',
    agencyType: 'units.field.agency_type',
    name: 'units.field.new_name',
    parentId: 'units.field.parent',
    code: 'units.field.code',
    agencyCode: 'units.field.agency_code',
    id: 'units.field.id',
    hotline: 'units.field.hotline',
    address: 'units.field.address',
    validFrom: 'units.field.effective_date',
    decision: 'units.field.decision',
  },
} satisfies Record<string, FieldLabels>;
type FormName = keyof typeof LABELS;

// Both schemas of a form at once, so every refused field is listed together.
const renameForm = withId.extend(renameBody.shape);
const mergeForm = withTarget.extend(mergeBody.shape);
const moveForm = withId.extend(moveBody.shape);
const retireForm = withId.extend(retireBody.shape);

const actions: Record<string, { form: FormName; run: Action }> = {
  'doi-ten': { form: 'rename', run: (req, actor, input) => renameUnit(req.server.ctx, actor, validate(renameForm, input, req.lang, LABELS.rename)) },
  'sap-nhap': { form: 'merge', run: (req, actor, input) => mergeUnits(req.server.ctx, actor, validate(mergeForm, input, req.lang, LABELS.merge)) },
  chuyen: { form: 'move', run: (req, actor, input) => moveUnit(req.server.ctx, actor, validate(moveForm, input, req.lang, LABELS.move)) },
  'giai-the': { form: 'retire', run: (req, actor, input) => retireUnit(req.server.ctx, actor, validate(retireForm, input, req.lang, LABELS.retire)) },
  'thanh-lap': { form: 'create', run: (req, actor, input) => createUnit(req.server.ctx, actor, validate(createBody, input, req.lang, LABELS.create)) },
};

async function renderAdmin(req: FastifyRequest, reply: FastifyReply, status = 200, error?: { message: string; fields?: FieldError[]; form?: string }) {
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
      await action.run(req, actor, formInput(req.body));
    } catch (err) {
      if (!(err instanceof AppError) || err.status === 401 || err.status === 403) throw err;
      return renderAdmin(req, reply, err.status, { message: t(req.lang, err.key, err.params), fields: err.fields, form: action.form });
    }
    return reply.code(303).redirect('/quan-tri/don-vi?ok=1');
  });
}
