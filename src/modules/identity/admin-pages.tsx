/** /quan-tri/tai-khoan: the administrator manages officer accounts (list, create, roles, lock, password). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Layout } from '../../web/layout';
import { TableWrap } from '../../web/table-wrap';
import { CsrfField } from '../../web/csrf';
import { sendPage } from '../../platform/http/html';
import { t, type Lang, type MessageKey } from '../../platform/i18n';
import { requireOfficer, ROLES, type Actor, type RoleGrant } from '../../platform/auth';
import { badRequest } from '../../platform/errors';
import { refuseField } from '../../platform/http/form-messages';
import { describedBy, FieldMessage, FormErrorSummary, type FormRefusal } from '../../web/form-errors';
import { getUnit } from '../units/service';
import { GrantText, unitNamesOf, type UnitNames } from './grant-text';
import { isRole, isTemporarilyLocked, type OfficerAccount } from './model';
import {
  createOfficer,
  getOfficerFor,
  grantableUnits,
  listOfficersFor,
  resetOfficerPassword,
  setOfficerDisabled,
  updateOfficer,
  type GrantableUnit,
} from './service';

const BASE = '/quan-tri/tai-khoan';
const ADMIN = ['admin'] as const;

function requireAdmin(req: FastifyRequest): Actor {
  return requireOfficer(req, ADMIN);
}

function fmt(d: Date) {
  return d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

function Status({ req, o }: { req: FastifyRequest; o: OfficerAccount }) {
  const lang = req.lang;
  if (o.disabled) return <span class="tag late">{t(lang, 'identity.admin.status.disabled')}</span>;
  if (isTemporarilyLocked(o, req.server.ctx.clock.now()))
    return <span class="tag soon">{t(lang, 'identity.admin.status.locked_out', { until: fmt(o.lockedUntil!) })}</span>;
  return <span class="tag ok">{t(lang, 'identity.admin.status.active')}</span>;
}

function ListPage({ req, officers, names }: { req: FastifyRequest; officers: OfficerAccount[]; names: UnitNames }) {
  const lang = req.lang;
  return (
    <Layout req={req} title={t(lang, 'identity.admin.title')}>
      <h1>{t(lang, 'identity.admin.title')}</h1>
      <p>
        <a class="button" href={`${BASE}/moi`}>
          {t(lang, 'identity.admin.new')}
        </a>
      </p>
      <TableWrap lang={lang} name={t(lang, 'identity.admin.title')}>
        <table class="stack">
          <thead>
            <tr>
              <th scope="col">{t(lang, 'identity.admin.col.username')}</th>
              <th scope="col">{t(lang, 'identity.admin.col.name')}</th>
              <th scope="col">{t(lang, 'identity.admin.col.roles')}</th>
              <th scope="col">{t(lang, 'identity.admin.col.status')}</th>
            </tr>
          </thead>
          <tbody>
            {officers.map((o) => (
              <tr>
                <td>
                  <a href={`${BASE}/${encodeURIComponent(o.id)}`}>{o.username}</a>
                </td>
                <td data-label={t(lang, 'identity.admin.col.name')}>{o.name}</td>
                <td data-label={t(lang, 'identity.admin.col.roles')}>
                  {o.roles.map((g) => (
                    <div>
                      <GrantText req={req} g={g} names={names} />
                    </div>
                  ))}
                </td>
                <td data-label={t(lang, 'identity.admin.col.status')}>
                  <Status req={req} o={o} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </Layout>
  );
}

/** The option groups of the unit choice, in this order: administrative units by kind, then agencies by type. */
const UNIT_GROUPS: GrantableUnit['group'][] = [
  'kind.province',
  'kind.district',
  'kind.commune',
  'agency.people_committee',
  'agency.office',
  'agency.service_centre',
  'agency.department',
  'agency.police',
  'agency.other',
];
const groupLabel = (lang: Lang, g: GrantableUnit['group']) =>
  g === 'kind.province' || g === 'kind.district' || g === 'kind.commune'
    ? t(lang, `identity.admin.unit_group.${g.slice(5) as 'province'}`)
    : t(lang, `units.${g}`);

/**
 * The roles held (kept with a checkbox each) and one role to add: a role and a unit chosen by name from the units
 * the administrator manages, grouped by kind (issue 13: never a unit id to type). Works without JavaScript.
 */
function RoleFields({
  req,
  roles,
  names,
  units,
  added,
  error,
}: {
  req: FastifyRequest;
  roles: RoleGrant[];
  names: UnitNames;
  units: GrantableUnit[];
  added?: Added;
  error?: FormRefusal;
}) {
  const lang = req.lang;
  const twice = new Set(units.filter((u, i) => units.findIndex((x) => x.name === u.name) !== i).map((u) => u.name));
  return (
    <fieldset>
      <legend>{t(lang, 'identity.admin.roles')}</legend>
      {roles.map((g, i) => (
        <div>
          <input type="checkbox" id={`keep-${i}`} name="keep" value={`${g.role}|${g.unitId}`} checked />{' '}
          <label class="inline" for={`keep-${i}`}>
            <GrantText req={req} g={g} names={names} />
          </label>
        </div>
      ))}
      <label for="new_role">{t(lang, 'identity.admin.add_role')}</label>
      <FieldMessage id="new_role" error={error} field="new_role" />
      <select id="new_role" name="new_role" {...describedBy('new_role', error, 'new_role')}>
        <option value="">{t(lang, 'identity.admin.no_role')}</option>
        {ROLES.map((r) => (
          <option value={r} selected={added?.role === r}>
            {t(lang, `identity.role.${r}`)}
          </option>
        ))}
      </select>
      <label for="new_unit">{t(lang, 'identity.admin.unit')}</label>
      <p class="hint" id="new_unit_hint">
        {t(lang, 'identity.admin.unit_hint')}
      </p>
      <FieldMessage id="new_unit" error={error} field="new_unit" />
      <select id="new_unit" name="new_unit" {...describedBy('new_unit', error, 'new_unit', 'new_unit_hint')}>
        <option value="">{t(lang, 'identity.admin.no_unit')}</option>
        {UNIT_GROUPS.map((g) => {
          const inGroup = units.filter((u) => u.group === g);
          return inGroup.length === 0 ? null : (
            <optgroup label={groupLabel(lang, g)}>
              {inGroup.map((u) => (
                <option value={u.id} selected={added?.unitId === u.id}>
                  {twice.has(u.name) && u.parentName ? `${u.name} (${u.parentName})` : u.name}
                </option>
              ))}
            </optgroup>
          );
        })}
      </select>
    </fieldset>
  );
}

/** The role being added, kept when the form comes back with an error. */
interface Added {
  role: string;
  unitId: string;
}

/** The refusals the account forms can name a field for: the field, its label and, when the key only says "missing", what is right (issue 13). */
const FIELD_OF: Partial<Record<MessageKey, { field: string; label: MessageKey; problem?: MessageKey }>> = {
  'identity.error.username_invalid': { field: 'username', label: 'identity.admin.col.username' },
  'identity.error.username_taken': { field: 'username', label: 'identity.admin.col.username' },
  'identity.error.name_required': { field: 'name', label: 'identity.admin.name', problem: 'form.required' },
  'identity.error.password_weak': { field: 'password', label: 'identity.admin.password' },
  'identity.error.role_unit_required': { field: 'new_unit', label: 'identity.admin.unit', problem: 'form.choose' },
  'identity.error.role_required': { field: 'new_role', label: 'identity.admin.add_role', problem: 'form.choose' },
};

function refusalOf(lang: Lang, key: MessageKey, params: Record<string, unknown> | undefined, edit: boolean): FormRefusal {
  const message = t(lang, key, params);
  const f = FIELD_OF[key];
  if (!f) return { message };
  const label = t(lang, edit && f.field === 'password' ? 'identity.admin.new_password' : f.label);
  return { message, fields: [f.problem ? refuseField(lang, f.field, label, f.problem) : { field: f.field, label, message }] };
}

function ErrorBox({ lang, error, edit }: { lang: Lang; error?: FormRefusal; edit?: boolean }) {
  return <FormErrorSummary lang={lang} error={error} idOf={(field) => (edit && field === 'password' ? 'new_password' : field)} />;
}

function NewPage({ req, units, error, values }: { req: FastifyRequest; units: GrantableUnit[]; error?: FormRefusal; values?: Record<string, string> }) {
  const lang = req.lang;
  const v = values ?? {};
  return (
    <Layout req={req} title={t(lang, 'identity.admin.new')}>
      <p>
        <a href={BASE}>{t(lang, 'identity.admin.back')}</a>
      </p>
      <h1>{t(lang, 'identity.admin.new')}</h1>
      <ErrorBox lang={lang} error={error} />
      <form method="post" action={`${BASE}/moi`} class="narrow">
        <CsrfField req={req} />
        <label for="username">{t(lang, 'identity.admin.col.username')}</label>
        <FieldMessage id="username" error={error} field="username" />
        <input id="username" name="username" required autocapitalize="none" value={v.username ?? ''} {...describedBy('username', error, 'username')} />
        <label for="name">{t(lang, 'identity.admin.name')}</label>
        <FieldMessage id="name" error={error} field="name" />
        <input id="name" name="name" required value={v.name ?? ''} {...describedBy('name', error, 'name')} />
        <label for="email">{t(lang, 'identity.admin.email')}</label>
        <input id="email" name="email" type="email" value={v.email ?? ''} />
        <label for="phone">{t(lang, 'identity.admin.phone')}</label>
        <input id="phone" name="phone" type="tel" value={v.phone ?? ''} />
        <label for="password">{t(lang, 'identity.admin.password')}</label>
        <p class="hint" id="password_hint">
          {t(lang, 'identity.admin.password_hint')}
        </p>
        <FieldMessage id="password" error={error} field="password" />
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="new-password"
          required
          {...describedBy('password', error, 'password', 'password_hint')}
        />
        <RoleFields req={req} roles={[]} names={new Map()} units={units} added={{ role: v.new_role ?? '', unitId: v.new_unit ?? '' }} error={error} />
        <button type="submit">{t(lang, 'identity.admin.create')}</button>
      </form>
    </Layout>
  );
}

function EditPage({
  req,
  o,
  names,
  units,
  error,
  saved,
  added,
}: {
  req: FastifyRequest;
  o: OfficerAccount;
  names: UnitNames;
  units: GrantableUnit[];
  error?: FormRefusal;
  saved?: boolean;
  added?: Added;
}) {
  const lang = req.lang;
  const action = `${BASE}/${encodeURIComponent(o.id)}`;
  return (
    <Layout req={req} title={t(lang, 'identity.admin.edit', { username: o.username })}>
      <p>
        <a href={BASE}>{t(lang, 'identity.admin.back')}</a>
      </p>
      <h1>{t(lang, 'identity.admin.edit', { username: o.username })}</h1>
      <ErrorBox lang={lang} error={error} edit />
      {saved && (
        <p class="notice" role="status">
          {t(lang, 'identity.admin.saved')}
        </p>
      )}
      <p>
        <Status req={req} o={o} />
      </p>
      <form method="post" action={action} class="narrow">
        <CsrfField req={req} />
        <label for="name">{t(lang, 'identity.admin.name')}</label>
        <FieldMessage id="name" error={error} field="name" />
        <input id="name" name="name" required value={o.name} {...describedBy('name', error, 'name')} />
        <label for="email">{t(lang, 'identity.admin.email')}</label>
        <input id="email" name="email" type="email" value={o.email ?? ''} />
        <label for="phone">{t(lang, 'identity.admin.phone')}</label>
        <input id="phone" name="phone" type="tel" value={o.phone ?? ''} />
        <RoleFields req={req} roles={o.roles} names={names} units={units} added={added} error={error} />
        <button type="submit">{t(lang, 'identity.admin.save')}</button>
      </form>
      <form method="post" action={`${action}/${o.disabled || o.lockedUntil ? 'mo-khoa' : 'khoa'}`}>
        <CsrfField req={req} />
        <button type="submit" class={o.disabled || o.lockedUntil ? 'secondary' : 'danger'}>
          {t(lang, o.disabled || o.lockedUntil ? 'identity.admin.unlock' : 'identity.admin.lock')}
        </button>
      </form>
      <form method="post" action={`${action}/mat-khau`} class="narrow">
        <CsrfField req={req} />
        <label for="new_password">{t(lang, 'identity.admin.new_password')}</label>
        <p class="hint" id="new_password_hint">
          {t(lang, 'identity.admin.password_hint')}
        </p>
        <FieldMessage id="new_password" error={error} field="password" />
        <input
          id="new_password"
          name="password"
          type="password"
          autocomplete="new-password"
          required
          {...describedBy('new_password', error, 'password', 'new_password_hint')}
        />
        <button type="submit" class="secondary">
          {t(lang, 'identity.admin.reset')}
        </button>
      </form>
    </Layout>
  );
}

const str = (b: Record<string, unknown>, k: string) => (typeof b[k] === 'string' ? (b[k] as string).trim().slice(0, 200) : '');

/** Roles from the form: the kept ones plus the one being added; every unit must exist. */
async function rolesFrom(req: FastifyRequest, body: Record<string, unknown>): Promise<RoleGrant[]> {
  const keep = ([] as unknown[]).concat(body.keep ?? []).filter((x): x is string => typeof x === 'string');
  const grants: RoleGrant[] = keep.map((k) => {
    const [role, unitId] = k.split('|');
    return { role: role as RoleGrant['role'], unitId };
  });
  const newRole = str(body, 'new_role');
  const newUnit = str(body, 'new_unit');
  // A role without its unit, or a unit without a role: say which choice is missing.
  if (newRole && !newUnit) throw badRequest('identity.error.role_unit_required', undefined, [{ field: 'new_unit', message: '' }]);
  if (newUnit && !newRole) throw badRequest('identity.error.role_required', undefined, [{ field: 'new_role', message: '' }]);
  if (newRole) grants.push({ role: newRole as RoleGrant['role'], unitId: newUnit });
  for (const g of grants) {
    if (!isRole(g.role) || !g.unitId || !(await getUnit(req.server.ctx, g.unitId))) throw badRequest('identity.error.role_invalid');
  }
  return grants;
}

export function adminPages(app: FastifyInstance) {
  const ctx = app.ctx;
  // Another unit's account answers 403 identity.error.wrong_unit (getOfficerFor).
  const load = (admin: Actor, id: string) => getOfficerFor(ctx, admin, id);

  app.get(BASE, async (req, reply) => {
    const admin = requireAdmin(req);
    const officers = await listOfficersFor(ctx, admin);
    return sendPage(reply, <ListPage req={req} officers={officers} names={await unitNamesOf(req, officers)} />);
  });

  app.get(`${BASE}/moi`, async (req, reply) => {
    const admin = requireAdmin(req);
    return sendPage(reply, <NewPage req={req} units={await grantableUnits(ctx, admin)} />);
  });

  app.post(`${BASE}/moi`, async (req, reply) => {
    const admin = requireAdmin(req);
    const b = (req.body ?? {}) as Record<string, unknown>;
    const values = { username: str(b, 'username'), name: str(b, 'name'), email: str(b, 'email'), phone: str(b, 'phone') };
    const added = { new_role: str(b, 'new_role'), new_unit: str(b, 'new_unit') };
    try {
      const roles = await rolesFrom(req, b);
      const o = await createOfficer(ctx, admin, { ...values, password: typeof b.password === 'string' ? b.password : '', roles });
      return reply.redirect(`${BASE}/${encodeURIComponent(o.id)}?da_luu=1`, 303);
    } catch (err) {
      const e = err as { status?: number; key?: MessageKey; params?: Record<string, unknown> };
      if (!e.key || !e.status || e.status >= 500) throw err;
      return sendPage(
        reply,
        <NewPage req={req} units={await grantableUnits(ctx, admin)} values={{ ...values, ...added }} error={refusalOf(req.lang, e.key, e.params, false)} />,
        e.status,
      );
    }
  });

  app.get(`${BASE}/:id`, async (req, reply) => {
    const admin = requireAdmin(req);
    const o = await load(admin, (req.params as { id: string }).id);
    return sendPage(
      reply,
      <EditPage
        req={req}
        o={o}
        names={await unitNamesOf(req, [o])}
        units={await grantableUnits(ctx, admin)}
        saved={(req.query as Record<string, string>).da_luu === '1'}
      />,
    );
  });

  const withErrors =
    (handler: (admin: Actor, id: string, body: Record<string, unknown>, req: FastifyRequest) => Promise<void>) => async (req: FastifyRequest, reply: any) => {
      const admin = requireAdmin(req);
      const id = (req.params as { id: string }).id;
      const o = await load(admin, id);
      try {
        await handler(admin, id, (req.body ?? {}) as Record<string, unknown>, req);
      } catch (err) {
        const e = err as { status?: number; key?: MessageKey; params?: Record<string, unknown> };
        if (!e.key || !e.status || e.status >= 500 || e.status === 403) throw err;
        const b = (req.body ?? {}) as Record<string, unknown>;
        return sendPage(
          reply,
          <EditPage
            req={req}
            o={o}
            names={await unitNamesOf(req, [o])}
            units={await grantableUnits(ctx, admin)}
            added={{ role: str(b, 'new_role'), unitId: str(b, 'new_unit') }}
            error={refusalOf(req.lang, e.key, e.params, true)}
          />,
          e.status,
        );
      }
      return reply.redirect(`${BASE}/${encodeURIComponent(id)}?da_luu=1`, 303);
    };

  app.post(
    `${BASE}/:id`,
    withErrors(async (admin, id, b, req) =>
      updateOfficer(ctx, admin, id, { name: str(b, 'name'), email: str(b, 'email'), phone: str(b, 'phone'), roles: await rolesFrom(req, b) }),
    ),
  );
  app.post(
    `${BASE}/:id/khoa`,
    withErrors((admin, id) => setOfficerDisabled(ctx, admin, id, true)),
  );
  app.post(
    `${BASE}/:id/mo-khoa`,
    withErrors((admin, id) => setOfficerDisabled(ctx, admin, id, false)),
  );
  app.post(
    `${BASE}/:id/mat-khau`,
    withErrors((admin, id, b) => resetOfficerPassword(ctx, admin, id, typeof b.password === 'string' ? b.password : '')),
  );
}
