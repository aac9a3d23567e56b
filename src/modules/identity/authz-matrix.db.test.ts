/**
 * The authorization matrix (authz-matrix.ts), run through HTTP: for every entry, every role and
 * every relation of the officer's unit to the entry's unit (same, above, below, elsewhere), one
 * officer holding only that role at that unit logs in and sends the entry's request. Allowed:
 * the success status. Refused: the matrix's status, error key and Vietnamese message, and the
 * rows the request would change are the same before and after. One app and database for all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../platform/auth';
import { t, untypedKey } from '../../platform/i18n';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { cookieFrom } from '../../test/login';
import { DEMO_PASSWORD } from './demo';
import { replaceRoles } from './store';
import { DEMO } from '../units/demo';
import { createUnit } from '../units/service';
import { submitPetition } from '../feedback/service';
import { Flow } from '../indicators/test-api-flow';
import { expected, MATRIX, RELATIONS, type MatrixEntry, type Relation } from './authz-matrix';

const KET_HON = '1.000894'; // Đăng ký kết hôn, received and decided by UBND Phường I
const BELOW_P1 = 'authz-ubnd-p1-mot-cua'; // an agency created under UBND Phường I for the "below" relation
const BELOW_VP = 'authz-vpubnd-kiem-soat'; // an office created under Văn phòng UBND for the "below" relation

/** The unit of each kind of entry, and the unit standing in each relation to it. */
const TARGETS = {
  // the dossier's and the petition's unit
  committee: { same: DEMO.ubndPhuong1, above: DEMO.phuong1, below: BELOW_P1, elsewhere: DEMO.ubndTanHoa },
  commune: { same: DEMO.phuong1, above: DEMO.viThanh, below: DEMO.ubndPhuong1, elsewhere: DEMO.tanHoa },
  // a provincial agency: what the province does as a whole through its own agencies
  provincial: { same: DEMO.vpUbnd, above: DEMO.province, below: BELOW_VP, elsewhere: DEMO.phuong1 },
  // the root: nothing above it nor beside it
  province: { same: DEMO.province, below: DEMO.viThanh },
} as const satisfies Record<string, Partial<Record<Relation, string>>>;
type TargetKind = keyof typeof TARGETS;

interface Session {
  cookie: string;
  csrf: string;
  ip: string;
}
interface Res {
  statusCode: number;
  body: string;
  headers: Record<string, unknown>;
}
interface Fixture {
  target: TargetKind;
  /** A new object for each allowed case of a write (so it finds the object in the state it needs). */
  fresh?: () => Promise<string>;
  fixed: () => string;
  send: (s: Session, id: string) => Promise<Res>;
  ok: number;
  /** The rows a refusal must leave unchanged. */
  rows: (id: string) => Promise<unknown>;
}

let env: TestEnv;
let flow: Flow;
const sessions = new Map<string, Session>();
const ids = { dossier: '', receiveDossier: '', petition: '', managed: '' };
let seq = 0;

const headersOf = (s: Session, extra: Record<string, string> = {}) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf, 'x-forwarded-for': s.ip, ...extra });
const get = (s: Session, url: string) => env.app.inject({ method: 'GET', url, headers: headersOf(s) });
const json = (s: Session, method: 'POST' | 'PUT', url: string, payload: unknown) =>
  env.app.inject({ method, url, headers: headersOf(s, { 'content-type': 'application/json' }), payload: JSON.stringify(payload) });
const form = (s: Session, url: string, f: Record<string, string>) =>
  env.app.inject({
    method: 'POST',
    url,
    headers: headersOf(s, { 'content-type': 'application/x-www-form-urlencoded' }),
    payload: new URLSearchParams({ _csrf: s.csrf, ...f }).toString(),
  });

const db = () => env.ctx.db;
const dossierRows = async (id: string) => ({
  dossier: await db().selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirst(),
  events: await db().selectFrom('dossier_events').select(['seq', 'action']).where('dossier_id', '=', id).orderBy('seq').execute(),
});
const petitionRows = async (id: string) => ({
  petition: await db().selectFrom('petitions').selectAll().where('id', '=', id).executeTakeFirst(),
  events: await db().selectFrom('petition_events').selectAll().where('petition_id', '=', id).execute(),
});
const officerRows = async (id: string) => ({
  officer: await db().selectFrom('officers').selectAll().where('id', '=', id).executeTakeFirst(),
  roles: await db().selectFrom('officer_roles').selectAll().where('officer_id', '=', id).execute(),
  sessions: (await db().selectFrom('sessions').select('id_hash').where('subject_id', '=', id).execute()).length,
});
const nothing = async () => null;

/** A fresh account holding one role at Phường I (the object of the account entries). */
async function managedOfficer(): Promise<string> {
  const id = `authz-managed-${++seq}`;
  await insertOfficer(id, `authz.managed.${seq}`, [{ role: 'digital_team', unitId: DEMO.phuong1 }]);
  return id;
}
async function newPetition(): Promise<string> {
  return (
    await submitPetition(env.ctx, null, {
      subjectKind: 'unit',
      unitId: DEMO.ubndPhuong1,
      title: 'Bộ phận một cửa phường đông người chờ',
      content: 'Sáng thứ Hai chỉ có một cán bộ tiếp nhận, người dân chờ lâu.',
      contactName: 'Nguyễn Thị Lan',
      contactPhone: '0911000111',
    })
  ).id;
}

const FIXTURES: Record<string, Fixture> = {
  'dossier.read': { target: 'committee', fixed: () => ids.dossier, send: (s, id) => get(s, `/api/v1/dossiers/${id}`), ok: 200, rows: dossierRows },
  'dossier.receive': {
    target: 'committee',
    fixed: () => ids.receiveDossier,
    send: async (s, id) => json(s, 'POST', `/api/v1/dossiers/${id}/actions/receive`, { version: (await dossierRows(id)).dossier!.version }),
    ok: 200,
    rows: dossierRows,
  },
  'dossier.register': {
    target: 'committee',
    fixed: () => DEMO.ubndPhuong1,
    send: (s, unit) => get(s, `/api/v1/units/${unit}/dossier-register.pdf?from=2025-03-01&to=2025-03-31`),
    ok: 200,
    rows: nothing,
  },
  'payment.list': {
    target: 'committee',
    fixed: () => ids.dossier,
    send: (s, id) => get(s, `/api/v1/dossiers/${id}/payments`),
    ok: 200,
    rows: async (id) => db().selectFrom('payments').selectAll().where('dossier_id', '=', id).execute(),
  },
  'payment.reconciliations': { target: 'province', fixed: () => '', send: (s) => get(s, '/api/v1/payments/reconciliations'), ok: 200, rows: nothing },
  'petition.read': { target: 'committee', fixed: () => ids.petition, send: (s, id) => get(s, `/api/v1/petitions/${id}`), ok: 200, rows: petitionRows },
  'petition.request_info': {
    target: 'committee',
    fresh: newPetition,
    fixed: () => ids.petition,
    send: (s, id) => json(s, 'POST', `/api/v1/petitions/${id}/request_info`, { note: 'Đề nghị cho biết thời gian cụ thể.' }),
    ok: 200,
    rows: petitionRows,
  },
  'indicators.records': {
    target: 'commune',
    fixed: () => DEMO.phuong1,
    send: (s, unit) => get(s, `/api/v1/indicators/onTimeRate/records?unit=${unit}&period=2025-03`),
    ok: 200,
    rows: nothing,
  },
  'identity.officer.read': { target: 'commune', fixed: () => ids.managed, send: (s, id) => get(s, `/quan-tri/tai-khoan/${id}`), ok: 200, rows: officerRows },
  'identity.officer.lock': {
    target: 'commune',
    fresh: managedOfficer,
    fixed: () => ids.managed,
    send: (s, id) => form(s, `/quan-tri/tai-khoan/${id}/khoa`, {}),
    ok: 303,
    rows: officerRows,
  },
  'identity.officer.create': {
    target: 'commune',
    fixed: () => '',
    send: (s) =>
      form(s, '/quan-tri/tai-khoan/moi', {
        username: `authz.new.${++seq}`,
        name: 'Cán bộ Mới Tạo',
        password: 'TaoMoi2026abc',
        new_role: 'digital_team',
        new_unit: DEMO.phuong1,
      }),
    ok: 303,
    rows: async () => ({
      officers: await db().selectFrom('officers').select('id').orderBy('id').execute(),
      roles: await db().selectFrom('officer_roles').selectAll().orderBy('officer_id').execute(),
    }),
  },
  'units.rename': {
    target: 'committee',
    fixed: () => DEMO.ubndPhuong1,
    send: (s, unit) =>
      json(s, 'POST', `/api/v1/units/${unit}/rename`, {
        name: `UBND Phường I (${++seq})`,
        effectiveDate: new Date(Date.UTC(2025, 7, 1) + seq * 86_400_000).toISOString().slice(0, 10),
        decision: 'Nghị quyết thử nghiệm',
      }),
    ok: 200,
    rows: async (unit) => ({
      versions: await db().selectFrom('unit_versions').selectAll().where('unit_id', '=', unit).execute(),
      events: await db().selectFrom('unit_events').selectAll().where('unit_id', '=', unit).execute(),
    }),
  },
  'settings.feedback': {
    target: 'province',
    fixed: () => '',
    send: (s) => json(s, 'PUT', '/api/v1/feedback/settings', { answerDays: 10 }),
    ok: 200,
    rows: async () => db().selectFrom('feedback_settings').selectAll().execute(),
  },
  'settings.indicators': {
    target: 'province',
    fixed: () => '',
    send: (s) => json(s, 'PUT', '/api/v1/indicators/settings/onTimeRate', { maxPoints: 20, threshold: null, enabled: true }),
    ok: 200,
    rows: async () => db().selectFrom('indicator_settings').selectAll().execute(),
  },
  'dossier.reroute_retired': {
    target: 'province',
    fixed: () => '',
    send: (s) => json(s, 'POST', '/api/v1/admin/dossiers/reroute-retired', {}),
    ok: 200,
    rows: async () => ({
      dossiers: await db().selectFrom('dossiers').selectAll().orderBy('id').execute(),
      events: await db().selectFrom('dossier_events').select(['dossier_id', 'seq', 'action']).orderBy('dossier_id').orderBy('seq').execute(),
      audit: await db().selectFrom('audit_log').select('id').where('action', 'like', 'dossier.reroute%').execute(),
    }),
  },
  'dossier.reroute_screen': { target: 'province', fixed: () => '', send: (s) => get(s, '/quan-tri/sap-nhap-ho-so'), ok: 200, rows: nothing },
  'catalogue.export': { target: 'provincial', fixed: () => '', send: (s) => get(s, '/api/v1/admin/procedures/export?format=json'), ok: 200, rows: nothing },
  'feedback.faq.create': {
    target: 'provincial',
    fixed: () => '',
    send: (s) =>
      json(s, 'POST', '/api/v1/faq', { question: `Làm căn cước cho trẻ em cần giấy tờ gì? (${++seq})`, answer: 'Giấy khai sinh và người đại diện đi cùng.' }),
    ok: 201,
    rows: async () => db().selectFrom('faqs').selectAll().orderBy('id').execute(),
  },
  'feedback.survey.create': {
    target: 'provincial',
    fixed: () => '',
    send: (s) =>
      json(s, 'POST', '/api/v1/surveys', {
        title: `Khảo sát mức độ hài lòng (${++seq})`,
        questions: [{ id: 'q1', type: 'single', text: 'Anh/chị có hài lòng không?', options: ['Có', 'Không'] }],
      }),
    ok: 201,
    rows: async () => db().selectFrom('surveys').selectAll().orderBy('id').execute(),
  },
  'settings.calendar': {
    target: 'provincial',
    fixed: () => '',
    send: (s) =>
      json(s, 'PUT', '/api/v1/calendar/schedules/2031', {
        source: 'Thông báo thử nghiệm',
        entries: [{ date: '2031-01-01', kind: 'holiday', name: 'Tết Dương lịch', nameEn: "New Year's Day" }],
      }),
    ok: 200,
    rows: async () => db().selectFrom('calendar_schedules').selectAll().execute(),
  },
  'settings.outbox': { target: 'province', fixed: () => '', send: (s) => get(s, '/api/v1/admin/outbox'), ok: 200, rows: nothing },
};

async function insertOfficer(id: string, username: string, roles: { role: Role; unitId: string }[]) {
  const hash = (await db().selectFrom('officers').select('password_hash').where('username', '=', 'admin').executeTakeFirstOrThrow()).password_hash;
  const now = env.clock.now();
  await db()
    .insertInto('officers')
    .values({
      id,
      username,
      name: `Cán bộ thử ${username}`,
      email: null,
      phone: null,
      password_hash: hash,
      password_changed_at: now,
      locked_until: null,
      last_login_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await replaceRoles(db(), id, roles);
}

/** Logs in through the real form; each account from its own address (the form is limited per address). */
async function login(username: string, ip: string): Promise<Session> {
  const first = await env.app.inject({ method: 'GET', url: '/api/v1/me', headers: { 'x-forwarded-for': ip } });
  const csrf = cookieFrom(first.headers['set-cookie'], 'csrf')!;
  const res = await env.app.inject({
    method: 'POST',
    url: '/can-bo/dang-nhap',
    headers: { cookie: `csrf=${csrf}`, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
    payload: new URLSearchParams({ _csrf: csrf, username, password: DEMO_PASSWORD }).toString(),
  });
  const sid = cookieFrom(res.headers['set-cookie'], 'sid');
  if (res.statusCode !== 303 || !sid) throw new Error(`login ${username}: ${res.statusCode}`);
  const me = await env.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `sid=${sid}`, 'x-forwarded-for': ip } });
  return { cookie: `sid=${sid}`, csrf: me.json().csrfToken, ip };
}

const sessionKey = (role: Role, unit: string) => `${role}@${unit}`;

beforeAll(async () => {
  env = await createTestEnv({ dossiers: false, env: { TRUST_PROXY: '127.0.0.1' } });
  await createUnit(env.ctx, null, {
    id: BELOW_P1,
    kind: 'agency',
    agencyType: 'other',
    name: 'Bộ phận một cửa UBND Phường I',
    parentId: DEMO.ubndPhuong1,
    validFrom: '2004-01-01',
    decision: 'Thử nghiệm',
  });
  await createUnit(env.ctx, null, {
    id: BELOW_VP,
    kind: 'agency',
    agencyType: 'other',
    name: 'Phòng Kiểm soát thủ tục hành chính',
    parentId: DEMO.vpUbnd,
    validFrom: '2004-01-01',
    decision: 'Thử nghiệm',
  });
  flow = new Flow(env);
  for (const key of ['dossier', 'receiveDossier'] as const) {
    const d = await flow.submit('motcua.p1', KET_HON);
    await flow.file('motcua.p1', d.id, 'component', 'to-khai');
    ids[key] = d.id;
  }
  ids.petition = await newPetition();
  ids.managed = await managedOfficer();
  const units = new Set(Object.values(TARGETS).flatMap((x) => Object.values(x)));
  let n = 0;
  for (const unit of units) {
    for (const role of ROLES) {
      n++;
      const username = `authz.${role.replace('_', '-')}.${n}`;
      await insertOfficer(`authz-${role}-${unit}`, username, [{ role, unitId: unit }]);
      sessions.set(sessionKey(role, unit), await login(username, `10.77.${n >> 8}.${n & 255}`));
    }
  }
}, 600_000); // one argon2 login per role and unit
afterAll(() => env?.close());

function cases(e: MatrixEntry) {
  const target: Partial<Record<Relation, string>> = TARGETS[FIXTURES[e.key].target];
  const all = ROLES.flatMap((role) =>
    RELATIONS.filter((rel) => target[rel] && !e.none?.includes(rel)).map((rel) => ({ role, rel, unit: target[rel]!, want: expected(e, role, rel) })),
  );
  // Refusals first: an allowed write may change the object the later cases look at.
  return [...all.filter((c) => !c.want.allowed), ...all.filter((c) => c.want.allowed)];
}

describe('the authorization matrix', () => {
  it('has a fixture for every entry, and each relation the matrix calls impossible is missing from its unit', () => {
    expect(Object.keys(FIXTURES).sort()).toEqual(MATRIX.map((e) => e.key).sort());
    for (const e of MATRIX) {
      const target: Partial<Record<Relation, string>> = TARGETS[FIXTURES[e.key].target];
      for (const rel of RELATIONS) expect(!!target[rel], `${e.key} ${rel}`).toBe(!e.none?.includes(rel));
    }
  });

  for (const e of MATRIX) {
    it(`${e.key}: ${e.request}`, async () => {
      const fx = FIXTURES[e.key];
      const outcomes: string[] = [];
      let allowed = 0;
      for (const c of cases(e)) {
        const s = sessions.get(sessionKey(c.role, c.unit))!;
        const what = `${e.key} as ${c.role} ${c.rel} (${c.unit})`;
        if (c.want.allowed) {
          const id = fx.fresh ? await fx.fresh() : fx.fixed();
          const res = await fx.send(s, id);
          expect(res.statusCode, `${what}: ${res.body.slice(0, 300)}`).toBe(fx.ok);
          allowed++;
        } else {
          const id = fx.fixed();
          const before = await fx.rows(id);
          const res = await fx.send(s, id);
          const { status, key } = c.want.refusal;
          expect(res.statusCode, `${what}: ${res.body.slice(0, 300)}`).toBe(status);
          if (String(res.headers['content-type'] ?? '').includes('json')) expect(JSON.parse(res.body).error, what).toBe(key);
          expect(res.body, `${what}: the Vietnamese message`).toContain(t('vi', untypedKey(key)));
          expect(await fx.rows(id), `${what}: nothing changed`).toEqual(before);
        }
        outcomes.push(`${c.role}/${c.rel}`);
      }
      // The entry's roles at a covering unit were each tried and allowed.
      expect(allowed).toBe(cases(e).filter((c) => c.want.allowed).length);
      expect(allowed).toBeGreaterThan(0);
      expect(outcomes.length).toBe(ROLES.length * RELATIONS.filter((r) => !e.none?.includes(r)).length);
    });
  }
});
