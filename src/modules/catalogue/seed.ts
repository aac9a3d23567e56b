/**
 * Demo catalogue: every DEMO_PROCEDURES record imported as a draft, then published by two
 * realistic decisions of the Chairman of the provincial People's Committee - the first signed
 * and disclosed on time, the second signed too close to the legal text's effective date and
 * disclosed late - so the publication indicators (1.1, 1.2) have something to show.
 */
import { TestClock, type Ctx } from '../../platform/context';
import { DEMO_PROCEDURES } from './demo-data';
import { afterMove, beforeMove, DEMO_MOVED_2025 } from './demo-data/moved-2025';
import { checkRecords } from './import-check';
import { getProcedure, importRecords, publishDrafts, setBoundaryFree } from './service';

export const DEMO_DECISIONS = [
  { number: '1234/QĐ-UBND', signedDate: '2025-01-06', effectiveDate: '2025-01-15', disclosedOn: '2025-01-09', signer: 'Chủ tịch UBND tỉnh Hậu Giang' },
  { number: '2156/QĐ-UBND', signedDate: '2025-02-10', effectiveDate: '2025-02-12', disclosedOn: '2025-02-20', signer: 'Phó Chủ tịch UBND tỉnh Hậu Giang' },
] as const;

/**
 * The district-level procedures of Tỉnh Hậu Giang (until 30/6/2025), and their re-publication at
 * commune level under the new communes of Thành phố Cần Thơ from 1/7/2025 (issue 11 item 8).
 * DEMO decisions: the numbers are made up and say so; which act moved each procedure is in
 * demo-data/moved-2025.ts and docs/decisions-law.md.
 */
export const DEMO_DISTRICT_DECISION = {
  number: '45/QĐ-UBND (DEMO)',
  signedDate: '2025-01-06',
  effectiveDate: '2025-01-15',
  disclosedOn: '2025-01-09',
  signer: 'Chủ tịch UBND tỉnh Hậu Giang',
} as const;
export const DEMO_MOVE_DECISION = {
  number: '15/QĐ-UBND (DEMO)',
  signedDate: '2025-07-01',
  effectiveDate: '2025-07-01',
  disclosedOn: '2025-07-02',
  signer: 'Chủ tịch UBND thành phố Cần Thơ',
} as const;

/**
 * The demo province's list of procedures received regardless of administrative boundary (Decree
 * 118/2025/NĐ-CP Art. 14(2)): commune civil status and authentication, and the criminal record
 * certificate of the Department of Justice. DEMO source: no real decision of the province is
 * quoted; the number is made up and says so.
 */
export const DEMO_BOUNDARY_FREE = {
  decision: 'Quyết định số 1579/QĐ-UBND ngày 30/6/2025 của Chủ tịch UBND tỉnh (DEMO, minh họa)',
  validFrom: '2025-07-01',
  codes: ['1.001193', '1.000656', '1.000894', '1.004873', '2.000815', '2.000884', '2.001417'],
} as const;

/** Loads this module's demo data. Runs once, on an empty database. */
export async function seedDemo(ctx: Ctx): Promise<void> {
  // A record the demo data gets wrong must not stop the whole demo province from loading.
  const good = DEMO_PROCEDURES.filter((p) => {
    const r = checkRecords([p], 'vi');
    if (!r.ok) console.warn(`catalogue seed: skipping ${p.code}: ${r.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
    return r.ok;
  });
  const unique = good.filter((p, i) => good.findIndex((x) => x.code === p.code) === i);
  if (unique.length === 0) return;
  const movedOf = (code: string) => DEMO_MOVED_2025.find((m) => m.code === code);
  const res = await importRecords(
    ctx,
    null,
    unique.map((p) => (movedOf(p.code) ? beforeMove(p, movedOf(p.code)!) : p)),
    'vi',
  );
  if (!res.ok) throw new Error('catalogue seed: ' + JSON.stringify(res.errors.slice(0, 5)));
  const staying = unique.filter((p) => !movedOf(p.code));
  const cut = Math.ceil(staying.length * 0.7);
  const batches = [staying.slice(0, cut), staying.slice(cut)];
  for (const [i, batch] of batches.entries()) {
    if (batch.length === 0) continue;
    const d = DEMO_DECISIONS[i];
    await publishDrafts(ctx, null, {
      codes: batch.map((p) => p.code),
      decision: { number: d.number, signedDate: d.signedDate, effectiveDate: d.effectiveDate, signer: d.signer },
      disclosedOn: d.disclosedOn,
    });
  }
  const moved = unique.filter((p) => movedOf(p.code));
  if (moved.length > 0) {
    // Published as the controller did then, so the agencies are the units of that day (the districts
    // until 30/6/2025, the new communes from 1/7/2025), not today's.
    for (const d of [DEMO_DISTRICT_DECISION, DEMO_MOVE_DECISION]) {
      if (d === DEMO_MOVE_DECISION) {
        const again = await importRecords(
          ctx,
          null,
          moved.map((p) => afterMove(p, movedOf(p.code)!)),
          'vi',
        );
        if (!again.ok) throw new Error('catalogue seed: ' + JSON.stringify(again.errors.slice(0, 5)));
      }
      await publishDrafts(asOf(ctx, d.signedDate), null, {
        codes: moved.map((p) => p.code),
        decision: { number: d.number, signedDate: d.signedDate, effectiveDate: d.effectiveDate, signer: d.signer },
        disclosedOn: d.disclosedOn,
      });
    }
  }
  for (const code of DEMO_BOUNDARY_FREE.codes) {
    const v = await getProcedure(ctx, code, '9999-12-31');
    if (v) await setBoundaryFree(ctx, null, v.versionId, [{ validFrom: DEMO_BOUNDARY_FREE.validFrom, validTo: null, decision: DEMO_BOUNDARY_FREE.decision }]);
  }
}

/** `ctx` with its clock at 09:00 (Vietnam) of `day`, or now when that is earlier (a test clock before the day). */
function asOf(ctx: Ctx, day: string): Ctx {
  const then = new Date(`${day}T09:00:00+07:00`);
  const now = ctx.clock.now();
  return { ...ctx, clock: new TestClock(then < now ? then : now) };
}
