import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginOfficer, type Login } from '../../test/login';
import { DEMO } from '../units/demo';
import { DEFAULT_CRITERIA } from './model';
import { ratingFigures, ratingSummary } from './service';
import { addPoliceOfficer, driveToResult, loginPeople, moveClock, submitOnline, type People } from './test-dossiers';

let env: TestEnv;
let p: People;
let otherDesk: Login;
let returned = '';
let pending = '';
let ready = '';

const scores = (n: number) => Object.fromEntries(DEFAULT_CRITERIA.map((c) => [c.key, n]));
const put = (id: string, payload: unknown, s?: Login) =>
  env.app.inject({ method: 'PUT', url: `/api/v1/dossiers/${id}/rating`, headers: s ? authHeaders(s) : {}, payload: payload as any });
const ratingRow = (id: string) => env.ctx.db.selectFrom('dossier_ratings').selectAll().where('dossier_id', '=', id).executeTakeFirst();
const ratingCount = async () =>
  Number(
    (
      await env.ctx.db
        .selectFrom('dossier_ratings')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  env = await createTestEnv({ vneid: true, now: '2026-03-09T02:00:00Z' });
  await addPoliceOfficer(env);
  p = await loginPeople(env);
  otherDesk = await loginOfficer(env.app, 'motcua.p1');
  returned = await submitOnline(env, p.an);
  pending = await submitOnline(env, p.an);
  ready = await submitOnline(env, p.binh);
  await moveClock(env, '2026-03-12T03:00:00Z');
  await driveToResult(env, p, returned, { returnResult: true });
  await driveToResult(env, p, ready);
}, 120_000);
afterAll(async () => env?.close());

describe('dossier ratings', () => {
  it("refuses a rating before the result, bad scores, another citizen and another unit's desk; nothing stored", async () => {
    const early = await put(pending, { scores: scores(5) }, p.an);
    expect([early.statusCode, early.json().error]).toEqual([409, 'feedback.error.rating_state']);
    expect(early.json().message).toContain('chưa có kết quả');
    const missing = await put(returned, { scores: { overall: 5 } }, p.an);
    expect([missing.statusCode, missing.json().error]).toEqual([400, 'feedback.error.rating_scores']);
    const outOfScale = await put(returned, { scores: { ...scores(5), overall: 6 } }, p.an);
    expect(outOfScale.statusCode).toBe(400);
    const stranger = await put(returned, { scores: scores(5) }, p.binh);
    expect(stranger.statusCode).toBe(404);
    const strangerReads = await env.app.inject({ url: `/api/v1/dossiers/${returned}/rating`, headers: authHeaders(p.binh) });
    expect(strangerReads.statusCode).toBe(404);
    const wrongDesk = await put(returned, { scores: scores(5) }, otherDesk);
    expect(wrongDesk.statusCode).toBe(403);
    const anonymous = await put(returned, { scores: scores(5) });
    expect(anonymous.statusCode).toBe(401);
    const unknown = await put('khong-co', { scores: scores(5) }, p.an);
    expect(unknown.statusCode).toBe(404);
    expect(await ratingCount()).toBe(0);
  });

  it('the applicant rates online once; it can be changed for 7 days, then it is closed', async () => {
    const res = await put(returned, { scores: scores(4), comment: 'Nhanh, cán bộ nhiệt tình' }, p.an);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ channel: 'online', raterKind: 'citizen', overall: 4, unitId: DEMO.soTuPhap, procedureCode: '2.001417' });
    expect(res.json().changeableUntil.slice(0, 10)).toBe('2026-03-19');
    const read = await env.app.inject({ url: `/api/v1/dossiers/${returned}/rating`, headers: authHeaders(p.an) });
    expect(read.json().rating.overall).toBe(4);
    expect(read.json().criteria).toHaveLength(12);

    await moveClock(env, '2026-03-15T03:00:00Z');
    const changed = await put(returned, { scores: { ...scores(2), overall: 2 } }, p.an);
    expect(changed.statusCode).toBe(200);
    expect(changed.json().overall).toBe(2);
    // still one rating for the dossier, the first date kept
    const rows = await env.ctx.db.selectFrom('dossier_ratings').selectAll().where('dossier_id', '=', returned).execute();
    expect(rows).toHaveLength(1);
    // the desk cannot overwrite the applicant's own rating
    const desk = await put(returned, { scores: scores(5) }, p.desk);
    expect([desk.statusCode, desk.json().error]).toEqual([403, 'feedback.error.rating_other_rater']);

    await moveClock(env, '2026-03-20T03:00:00Z');
    const late = await put(returned, { scores: scores(5) }, p.an);
    expect([late.statusCode, late.json().error]).toEqual([409, 'feedback.error.rating_closed']);
    expect(late.json().message).toMatch(/^Đã hết thời gian được thay đổi đánh giá \(đến \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\)\.$/);
    expect((await ratingRow(returned))?.overall).toBe(2);
    const audit = await env.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', returned).where('action', 'like', 'rating.%').execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['rating.change', 'rating.create']);
  });

  it('the reception officer of the receiving desk rates for the applicant at the desk', async () => {
    const res = await put(ready, { scores: scores(5) }, p.desk);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ channel: 'desk', raterKind: 'officer', overall: 5 });
    const again = await put(ready, { scores: scores(4) }, p.desk);
    expect(again.json().overall).toBe(4);
  });

  it("a finished dossier's rating shows in its unit's figures (5.4) and summaries", async () => {
    const period = { unitIds: [DEMO.soTuPhap], from: new Date('2026-03-01T00:00:00+07:00'), to: new Date('2026-04-01T00:00:00+07:00') };
    const f = await ratingFigures(env.ctx, period);
    expect(f).toMatchObject({ dossiers: 2, rated: 2, satisfied: 1, unsatisfied: 1, late: 0, withPetition: 0 });
    expect(f.satisfaction).toEqual({ numerator: 1, denominator: 2 });
    const api = await env.app.inject({
      url: `/api/v1/feedback/figures?unitIds=${DEMO.soTuPhap}&from=2026-03-01&to=2026-04-01`,
      headers: authHeaders(p.leader),
    });
    expect(api.statusCode).toBe(200);
    expect(api.json().ratings.satisfaction).toEqual({ numerator: 1, denominator: 2 });
    const s = await ratingSummary(env.ctx, { from: period.from, to: period.to });
    expect(s.byUnit.find((u) => u.key === DEMO.soTuPhap)).toMatchObject({ ratings: 2, satisfied: 1, unsatisfied: 1 });
    expect(s.byProcedure.find((u) => u.key === '2.001417')?.ratings).toBe(2);
    expect(s.byOfficer.length).toBeGreaterThan(0);
    const citizenAsks = await env.app.inject({
      url: `/api/v1/feedback/figures?unitIds=${DEMO.soTuPhap}&from=2026-03-01&to=2026-04-01`,
      headers: authHeaders(p.an),
    });
    expect(citizenAsks.statusCode).toBe(403);
  });
});
