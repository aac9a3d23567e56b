import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../test/harness';
import { verifyAuditChain } from '../../../platform/audit';
import { parseDossierCode, vietnamDate } from '../../../platform/codes';
import { getUnit } from '../../units/service';
import { DEMO } from '../../units/demo';
import { getProcedureSnapshot } from '../../catalogue/service';
import { DEMO_MOVED_2025 } from '../../catalogue/demo-data/moved-2025';
import { applicableLimit, classifyTimeliness } from '../model';
import * as deps from '../deps';
import type { DossierSnapshot } from '../service/common';
import { generateDossiers, loadWorld, runBulkPath } from './index';

const NOW = '2026-03-09T02:00:00Z';
/** Three months before the merger of 1/7/2025 (issue 11 item 9). */
const FROM = new Date('2025-04-01T00:00:00+07:00');
const MERGER = new Date('2025-07-01T00:00:00+07:00');
const SIZE = 150;
const SEED = 2026;
let svc: TestEnv;
let bulk: TestEnv;

beforeAll(async () => {
  [svc, bulk] = await Promise.all([createTestEnv({ now: NOW }), createTestEnv({ now: NOW })]);
  const r = await generateDossiers(svc.ctx, { size: SIZE, seed: SEED, servicePath: SIZE, from: FROM });
  expect(r.failures).toEqual([]);
  expect(r.service).toBe(SIZE);
  const b = await runBulkPath(bulk.ctx, await loadWorld(bulk.ctx, FROM), { seed: SEED, size: SIZE, from: 0, to: SIZE, batch: 40 });
  expect(b).toMatchObject({ dossiers: SIZE, skipped: 0 });
}, 240_000);
afterAll(async () => {
  await svc?.close();
  await bulk?.close();
});

const all = (env: TestEnv) => env.ctx.db.selectFrom('dossiers').selectAll().orderBy('submitted_at').orderBy('code').execute();

describe('demo data generator', () => {
  it('covers the states, channels and outcomes the screens and indicators need', async () => {
    const rows = await all(svc);
    expect(rows).toHaveLength(SIZE);
    const states = new Set(rows.map((d) => d.state));
    for (const s of ['returned', 'refused', 'withdrawn', 'waiting_supplement']) expect(states, s).toContain(s);
    expect(rows.some((d) => ['received', 'processing', 'transferred', 'consulting', 'result_ready', 'submitted'].includes(d.state))).toBe(true);
    expect(new Set(rows.map((d) => d.channel))).toEqual(new Set(['online', 'in_person', 'post', 'assisted']));
    const online = rows.filter((d) => d.channel === 'online' || d.channel === 'assisted').length / rows.length;
    expect(online).toBeGreaterThan(0.35);
    const finished = rows.filter((d) => d.result_ready_at && d.due_at);
    const late = finished.filter(
      (d) => classifyTimeliness({ finishedAt: d.result_ready_at!, dueAt: d.due_at!, supplementRequests: d.supplement_requests }) === 'late',
    );
    expect(late.length / finished.length).toBeGreaterThan(0.02);
    expect(late.length / finished.length).toBeLessThan(0.2);
    expect(rows.filter((d) => d.return_method === 'online').length).toBeGreaterThan(0);
    expect(rows.filter((d) => d.supplement_requests > 0).length).toBeGreaterThan(0);
    const times = rows.map((d) => d.submitted_at.getTime());
    expect(Math.max(...times)).toBeLessThanOrEqual(new Date(NOW).getTime());
    expect(Math.min(...times)).toBeGreaterThanOrEqual(FROM.getTime());
    const digitized = await svc.ctx.db.selectFrom('dossier_files').select('dossier_id').where('digitized', '=', true).distinct().execute();
    expect(digitized.length).toBeGreaterThan(0);
  });

  it('writes consistent dossiers: events 1..version, codes of the receiving agency and day, due dates from the calendar', async () => {
    const cal = await deps.workCalendar(svc.ctx);
    const rows = await all(svc);
    const events = await svc.ctx.db.selectFrom('dossier_events').select(['dossier_id', 'seq']).orderBy('dossier_id').orderBy('seq').execute();
    const pauses = await svc.ctx.db.selectFrom('dossier_pauses').select('dossier_id').execute();
    const paused = new Set(pauses.map((p) => p.dossier_id));
    for (const d of rows) {
      const seqs = events.filter((e) => e.dossier_id === d.id).map((e) => e.seq);
      expect(seqs).toEqual(Array.from({ length: d.version }, (_, i) => i + 1));
      const code = parseDossierCode(d.code)!;
      expect(code?.standard, d.code).toBe(true);
      expect(code.date).toBe(vietnamDate(d.submitted_at));
      expect(code.agencyCode).toBe((await getUnit(svc.ctx, d.receiving_unit_id, vietnamDate(d.submitted_at)))!.agencyCode);
      if (d.received_at && !paused.has(d.id)) expect(d.due_at).toEqual(cal.dueAt(d.received_at, applicableLimit(d.snapshot as DossierSnapshot, d.channel)));
      if (d.state === 'returned') expect(d.returned_at! >= d.result_ready_at!).toBe(true);
    }
    expect((await verifyAuditChain(svc.ctx.db)).ok).toBe(true);
    expect((await verifyAuditChain(bulk.ctx.db)).ok).toBe(true);
  });

  it('spans the merger of 1/7/2025: old units and district versions before, new versions after, straddling dossiers handled by the successor', async () => {
    for (const env of [svc, bulk]) {
      const rows = await all(env);
      const before = rows.filter((d) => d.submitted_at < MERGER);
      const after = rows.filter((d) => d.submitted_at >= MERGER);
      expect(before.length).toBeGreaterThan(SIZE / 5);
      expect(after.length).toBeGreaterThan(SIZE / 2);
      // Every dossier went to units that existed on its day, under the version in force that day.
      for (const d of rows) {
        const day = vietnamDate(d.submitted_at);
        expect(await getUnit(env.ctx, d.receiving_unit_id, day), `${d.code} ${d.receiving_unit_id} ${day}`).not.toBeNull();
        expect(await getUnit(env.ctx, d.deciding_unit_id, day), `${d.code} ${d.deciding_unit_id} ${day}`).not.toBeNull();
        expect(d.procedure_version_id, d.code).toBe((await getProcedureSnapshot(env.ctx, d.procedure_code, d.submitted_at))!.versionId);
      }
      // The procedures that moved to the communes: district committees decide before, communes after.
      const moved = new Set(DEMO_MOVED_2025.map((m) => m.code));
      const district = before.filter((d) => moved.has(d.procedure_code));
      expect(district.length).toBeGreaterThan(0);
      for (const d of district) expect([DEMO.ubndViThanh, DEMO.ubndChauThanhA]).toContain(d.deciding_unit_id);
      const commune = after.filter((d) => moved.has(d.procedure_code));
      expect(commune.length).toBeGreaterThan(0);
      for (const d of commune) expect([DEMO.ubndViThanh, DEMO.ubndChauThanhA]).not.toContain(d.deciding_unit_id);
      // Straddling: received before 1/7/2025, acted on after; an act on a unit that had ended is by its successor's officer, acting for it.
      const events = await env.ctx.db.selectFrom('dossier_events').select(['dossier_id', 'at', 'actor_id', 'actor_kind']).where('at', '>=', MERGER).execute();
      const straddling = before.filter((d) => events.some((e) => e.dossier_id === d.id));
      expect(straddling.length).toBeGreaterThan(0);
      const districts: string[] = [DEMO.ubndViThanh, DEMO.ubndChauThanhA];
      const ended = straddling.filter((d) => districts.includes(d.deciding_unit_id));
      expect(ended.length).toBeGreaterThan(0);
      for (const d of ended) {
        for (const e of events.filter((x) => x.dossier_id === d.id && x.actor_kind === 'officer')) expect(e.actor_id, d.code).not.toContain(d.deciding_unit_id);
      }
    }
  });

  it('the bulk path writes what the service path writes for the same plans', async () => {
    const [a, b] = [await all(svc), await all(bulk)];
    const key = (d: { submitted_at: Date; applicant_id_number: string }) => `${d.submitted_at.toISOString()}|${d.applicant_id_number}`;
    const bByKey = new Map(b.map((d) => [key(d), d]));
    const fields = [
      'state',
      'channel',
      'procedure_code',
      'applicant_kind',
      'applicant_name',
      'submitter_id',
      'submitter_personal_id',
      'receiving_unit_id',
      'deciding_unit_id',
      'data',
      'snapshot',
      'resume_state',
      'step_index',
      'step_key',
      'step_unit_id',
      'step_role',
      'step_entered_at',
      'step_due_at',
      'consult_unit_id',
      'consult_due_at',
      'received_at',
      'due_at',
      'appointment_at',
      'paused_since',
      'supplement_requests',
      'apology_at',
      'result_ready_at',
      'returned_at',
      'return_method',
      'closed_at',
      'close_reason',
      'version',
      'updated_at',
    ] as const;
    const pick = (d: Record<string, unknown>) => Object.fromEntries(fields.map((f) => [f, d[f]]));
    const strip = (data: any) => {
      const { fileId, requestId, ...rest } = data ?? {};
      void fileId;
      void requestId;
      return rest;
    };
    const eventsOf = async (env: TestEnv, id: string) =>
      (await env.ctx.db.selectFrom('dossier_events').selectAll().where('dossier_id', '=', id).orderBy('seq').execute()).map((e) => ({
        seq: e.seq,
        at: e.at,
        action: e.action,
        from: e.from_state,
        to: e.to_state,
        step: e.step_key,
        actor: e.actor_id,
        comment: e.comment,
        data: strip(e.data),
      }));
    const stepsOf = async (env: TestEnv, id: string) =>
      (await env.ctx.db.selectFrom('dossier_steps').selectAll().where('dossier_id', '=', id).orderBy('entered_at').orderBy('step_index').execute()).map(
        ({ id: _i, dossier_id: _d, ...s }) => s,
      );
    const pausesOf = async (env: TestEnv, id: string) =>
      (await env.ctx.db.selectFrom('dossier_pauses').selectAll().where('dossier_id', '=', id).orderBy('from_at').execute()).map(
        ({ id: _i, dossier_id: _d, ...s }) => s,
      );
    const filesOf = async (env: TestEnv, id: string) =>
      await env.ctx.db
        .selectFrom('dossier_files')
        .select(['kind', 'component_key', 'digitized', 'uploaded_by', 'uploaded_at', 'file_name', 'sha256'])
        .where('dossier_id', '=', id)
        .orderBy('uploaded_at')
        .orderBy('kind')
        .orderBy('component_key')
        .execute();
    for (const d of a) {
      const e = bByKey.get(key(d));
      expect(e, key(d)).toBeDefined();
      expect(pick(e!), d.code).toEqual(pick(d));
      // Same agency and day; the sequence within the day may differ (numbered in processing order).
      expect(e!.code.slice(0, -4)).toBe(d.code.slice(0, -4));
      expect(await eventsOf(bulk, e!.id)).toEqual(await eventsOf(svc, d.id));
      expect(await stepsOf(bulk, e!.id)).toEqual(await stepsOf(svc, d.id));
      expect(await pausesOf(bulk, e!.id)).toEqual(await pausesOf(svc, d.id));
      expect(await filesOf(bulk, e!.id)).toEqual(await filesOf(svc, d.id));
    }
    const count = async (env: TestEnv) =>
      Number(
        (
          await env.ctx.db
            .selectFrom('outbox')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('topic', '=', 'dossier.event')
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count(bulk)).toBe(await count(svc));
    // The supplement requests and their items, as form 02 and the unit's figures read them.
    const requestsOf = async (env: TestEnv) =>
      (
        await env.ctx.db
          .selectFrom('dossier_supplement_requests')
          .innerJoin('dossiers', 'dossiers.id', 'dossier_supplement_requests.dossier_id')
          .select([
            'dossiers.submitted_at',
            'dossiers.applicant_id_number',
            'request_no',
            'dossier_supplement_requests.state',
            'reason',
            'requested_by',
            'requested_at',
            'issued_at',
            'answered_at',
            'answered_via',
          ])
          .execute()
      )
        .map((r) => ({ ...r, submitted_at: new Date(r.submitted_at).toISOString() }))
        .sort((x, y) =>
          `${x.submitted_at}|${x.applicant_id_number}|${x.request_no}`.localeCompare(`${y.submitted_at}|${y.applicant_id_number}|${y.request_no}`),
        );
    const itemsOf = async (env: TestEnv) =>
      (await env.ctx.db.selectFrom('dossier_supplement_items').select(['position', 'component_key', 'label', 'defect', 'provide']).execute())
        .map((r) => JSON.stringify(r))
        .sort();
    const svcRequests = await requestsOf(svc);
    expect(svcRequests.length).toBeGreaterThan(0);
    expect(await requestsOf(bulk)).toEqual(svcRequests);
    expect(await itemsOf(bulk)).toEqual(await itemsOf(svc));
    expect(new Set(b.map((d) => d.code)).size).toBe(b.length);
  });
});
