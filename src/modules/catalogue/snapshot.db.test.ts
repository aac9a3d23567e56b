import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { DEMO } from '../units/demo';
import { DEMO_PROCEDURES } from './demo-data';
import {
  getDraft,
  getProcedureSnapshot,
  getProcedureSnapshotByVersion,
  importRecords,
  searchProcedures,
  publicationFigures,
  publishDrafts,
  procedureVersions,
  renderEForm,
  validateApplication,
} from './service';
import { FIXTURE_PROCEDURES } from './test-fixtures';
import { render } from 'preact-render-to-string';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

describe('procedure snapshots (contract for the dossier engine)', () => {
  it('returns the demo version in force with its agencies on the demo tree', async () => {
    const first = DEMO_PROCEDURES[0];
    const s = await getProcedureSnapshot(env.ctx, first.code);
    expect(s).not.toBeNull();
    expect(s!.code).toBe(first.code);
    expect(s!.agencies.length).toBeGreaterThan(0);
    expect(await getProcedureSnapshot(env.ctx, '9.999999')).toBeNull();
  });

  it('keeps old versions readable and switches on the effective date', async () => {
    const rec = { ...FIXTURE_PROCEDURES[2], code: '2.999001' };
    expect((await importRecords(env.ctx, null, [rec], 'vi')).ok).toBe(true);
    await publishDrafts(env.ctx, null, {
      codes: [rec.code],
      decision: { number: '10/QĐ-UBND', signedDate: '2025-01-02', effectiveDate: '2025-01-20' },
      disclosedOn: '2025-01-03',
    });
    expect((await importRecords(env.ctx, null, [{ ...rec, name: rec.name + ' (sửa đổi)' }], 'vi')).ok).toBe(true);
    await publishDrafts(env.ctx, null, { codes: [rec.code], decision: { number: '99/QĐ-UBND', signedDate: '2025-03-01', effectiveDate: '2025-04-01' } });
    const now = await getProcedureSnapshot(env.ctx, rec.code); // clock: 2025-03-10
    expect(now!.name).toBe(rec.name);
    const later = await getProcedureSnapshot(env.ctx, rec.code, new Date('2025-04-02T03:00:00Z'));
    expect(later!.name).toBe(rec.name + ' (sửa đổi)');
    expect(await getProcedureSnapshot(env.ctx, rec.code, new Date('2025-01-10T03:00:00Z'))).toBeNull();
    const old = await getProcedureSnapshotByVersion(env.ctx, now!.versionId);
    expect(old!.name).toBe(rec.name);
    const versions = await procedureVersions(env.ctx, rec.code);
    expect(versions.map((v) => v.decision?.number)).toEqual(['99/QĐ-UBND', '10/QĐ-UBND']);
    expect(now!.agencies).toEqual([{ receivingUnitId: DEMO.ttPvhcc, decidingUnitId: DEMO.soTuPhap }]);
  });

  it('keeps the agencies of each version: a new decision changing them leaves the old version (and its dossiers) alone', async () => {
    const rec = { ...FIXTURE_PROCEDURES[2], code: '2.999002' };
    const oldPairs = [{ receivingUnitId: DEMO.ttPvhcc, decidingUnitId: DEMO.soTuPhap }];
    const newPairs = [{ receivingUnitId: DEMO.ubndViThanh, decidingUnitId: DEMO.ubndViThanh }];
    expect((await importRecords(env.ctx, null, [rec], 'vi')).ok).toBe(true);
    await publishDrafts(env.ctx, null, { codes: [rec.code], decision: { number: '20/QĐ-UBND', signedDate: '2025-01-02', effectiveDate: '2025-01-20' } });
    const v1 = (await getProcedureSnapshot(env.ctx, rec.code))!; // clock: 2025-03-10
    // a new draft starts from the previous version's pairs
    expect((await importRecords(env.ctx, null, [{ ...rec, receivingAgency: DEMO.ubndViThanh, decidingAgency: DEMO.ubndViThanh }], 'vi')).ok).toBe(true);
    expect((await getDraft(env.ctx, rec.code))!.agencies).toEqual(oldPairs);
    await publishDrafts(env.ctx, null, { codes: [rec.code], decision: { number: '21/QĐ-UBND', signedDate: '2025-03-01', effectiveDate: '2025-04-01' } });
    // before the new decision takes effect, the version in force keeps its agencies
    expect((await getProcedureSnapshot(env.ctx, rec.code))!.agencies).toEqual(oldPairs);
    const v2 = (await getProcedureSnapshot(env.ctx, rec.code, new Date('2025-04-02T03:00:00Z')))!;
    expect(v2.versionId).not.toBe(v1.versionId);
    expect(v2.agencies).toEqual(newPairs);
    // a dossier submitted under the old version keeps its agencies
    expect((await getProcedureSnapshotByVersion(env.ctx, v1.versionId))!.agencies).toEqual(oldPairs);
    expect((await getProcedureSnapshotByVersion(env.ctx, v2.versionId))!.agencies).toEqual(newPairs);
    // search by agency and the indicators follow the version in force / the version published
    const codesFor = async (agency: string) => (await searchProcedures(env.ctx, { agency, pageSize: 100 })).items.map((i) => i.code);
    expect(await codesFor(DEMO.soTuPhap)).toContain(rec.code);
    expect(await codesFor(DEMO.ubndViThanh)).not.toContain(rec.code);
    const inForce = async (unitId: string) =>
      (await publicationFigures(env.ctx, { unitId, from: '2025-03-01', to: '2025-03-01' })).completeness.map((c) => c.code);
    expect(await inForce(DEMO.soTuPhap)).toContain(rec.code);
    expect(await inForce(DEMO.ubndViThanh)).not.toContain(rec.code);
    const signed = async (unitId: string) =>
      (await publicationFigures(env.ctx, { unitId, from: '2025-03-01', to: '2025-03-01' })).procedures.map((p) => p.code);
    expect(await signed(DEMO.ubndViThanh)).toContain(rec.code);
    expect(await signed(DEMO.soTuPhap)).not.toContain(rec.code);
  });

  it('validates and renders the e-form of a snapshot', async () => {
    const rec = { ...FIXTURE_PROCEDURES[0], code: '1.999193' };
    await importRecords(env.ctx, null, [rec], 'vi');
    await publishDrafts(env.ctx, null, { codes: [rec.code], decision: { number: '11/QĐ-UBND', signedDate: '2025-01-02', effectiveDate: '2025-01-20' } });
    const s = (await getProcedureSnapshot(env.ctx, rec.code))!;
    const bad = validateApplication(env.ctx, s, {}, 'vi');
    expect(bad.ok).toBe(false);
    const html = render(renderEForm(s, { lang: 'vi', prefill: { 'applicant.name': 'Nguyễn Văn An' }, errors: bad.ok ? [] : bad.fields }));
    expect(html).toContain('value="Nguyễn Văn An"');
    expect(html).toContain('aria-describedby');
  });

  it('counts publication lead time in working days of the official calendar (Tết 2025 is not working time)', async () => {
    const rec = { ...FIXTURE_PROCEDURES[1], code: '1.999656' };
    await importRecords(env.ctx, null, [rec], 'vi');
    // Signed Wed 22/01/2025, effective Tue 04/02/2025: 9 weekdays, but only 4 working days around Tết (27-31/01 off).
    await publishDrafts(env.ctx, null, {
      codes: [rec.code],
      decision: { number: '12/QĐ-UBND', signedDate: '2025-01-22', effectiveDate: '2025-02-04' },
      disclosedOn: '2025-02-03',
    });
    const f = await publicationFigures(env.ctx, { from: '2025-01-20', to: '2025-01-25' });
    expect(f.procedures).toEqual([expect.objectContaining({ code: rec.code, publishedOnTime: false, disclosure: 'on_time' })]);
    expect(f.totals.publishedOnTime).toEqual({ numerator: 0, denominator: 1, percent: 0 });
    expect(f.totals.disclosedOnTime).toEqual({ numerator: 1, denominator: 1, percent: 100 });
  });
});
