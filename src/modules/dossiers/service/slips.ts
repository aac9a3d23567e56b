/**
 * The slips as PDFs (A5, Vietnamese), numbered and titled by the form set in force on the
 * dossier's reception date (module rules): Circular 01/2018/TT-VPCP's 01-05 before 15/9/2025,
 * Circular 03/2025/TT-VPCP's 01-06 from then (04 apology with a proposed extension, 05 stop
 * notice, 06 processing control). The wording lives in messages.ts (slip.*).
 */
import type { Ctx } from '../../../platform/context';
import { conflict } from '../../../platform/errors';
import { oneOf, t, type MessageKey } from '../../../platform/i18n';
import * as deps from '../deps';
import type { PdfBlock } from '../deps';
import { DEFECTS, STATES, classifyTimeliness } from '../model';
import * as store from '../store';
import type { Dossier } from '../store';
import { snapshotOf } from './common';

export const SLIP_KINDS = ['receipt', 'supplement', 'refusal', 'apology', 'stop', 'control'] as const;
export type SlipKind = (typeof SLIP_KINDS)[number];

const pad = (n: number) => String(n).padStart(2, '0');
/** "HH giờ mm phút, ngày dd tháng MM năm yyyy" in Vietnam time. */
export function vnDateTime(d: Date): string {
  const v = new Date(d.getTime() + 7 * 3_600_000);
  return t('vi', 'slip.datetime', {
    h: pad(v.getUTCHours()),
    m: pad(v.getUTCMinutes()),
    d: pad(v.getUTCDate()),
    mo: pad(v.getUTCMonth() + 1),
    y: v.getUTCFullYear(),
  });
}
export function vnDate(d: Date): string {
  const v = new Date(d.getTime() + 7 * 3_600_000);
  return t('vi', 'slip.date', { d: pad(v.getUTCDate()), mo: pad(v.getUTCMonth() + 1), y: v.getUTCFullYear() });
}
function limitText(l: { value: number; unit: 'working_days' | 'working_hours' | 'days' }): string {
  return t('vi', `slip.unit.${l.unit}`, { n: l.value });
}

const m = (key: MessageKey, p?: Record<string, unknown>) => t('vi', key, p);

function header(agency: string, code: string, at: Date): PdfBlock[] {
  return [{ kind: 'header', agency: [agency.toUpperCase(), m('slip.desk')], number: m('slip.code', { code }), placeDate: vnDate(at) }];
}
const T = (text: string): PdfBlock => ({ kind: 'title', text });
/** The form's number and title as the circular in force names them. */
function formTitle(d: Dossier, kind: SlipKind, now: Date): PdfBlock[] {
  const f = deps.slipForm({ receivedAt: d.received_at, submittedAt: d.submitted_at }, kind, now);
  // Only the stop notice can lack a form in force (before NĐ 118/2025): it has its own title; the others always have a form.
  if (!f) return [T(kind === 'stop' ? m('slip.title.stop') : kind.toUpperCase())];
  return [{ kind: 'text', text: m('slip.form_number', { number: f.number, basis: f.legalBasis }), align: 'right' }, T(f.title.toUpperCase())];
}
const P = (text: string): PdfBlock => ({ kind: 'text', text });
const SIGN = (...titles: string[]): PdfBlock => ({ kind: 'signatures', titles, note: m('slip.sign') });

export async function slipPdf(ctx: Ctx, d: Dossier, kind: SlipKind): Promise<Buffer> {
  const snap = snapshotOf(d);
  const agency = await deps.unitName(ctx, d.receiving_unit_id);
  const deciding = await deps.unitName(ctx, d.deciding_unit_id);
  const events = await store.listEvents(ctx.db, d.id);
  const last = (action: string) => [...events].reverse().find((e) => e.action === action);
  const blocks: PdfBlock[] = [];
  const who = [
    P(m('slip.applicant', { name: d.applicant_name })),
    P(m('slip.address', { address: d.applicant_address ?? '' })),
    P(m('slip.contact', { phone: d.applicant_phone ?? '', email: d.applicant_email ?? '' })),
    P(m('slip.request', { procedure: snap.name })),
  ];
  if (kind === 'receipt') {
    if (!d.received_at || !d.due_at) throw conflict('dossier.slip_not_available');
    blocks.push(...header(agency, d.code, d.received_at), ...formTitle(d, 'receipt', ctx.clock.now()), P(m('slip.01.desk', { desk: agency })), ...who);
    blocks.push(P(m('slip.01.components')));
    // Only what was handed in (issue 13): a component with at least one file; online, its electronic files.
    const files = (await store.listFiles(ctx.db, d.id)).filter((f) => f.kind === 'component');
    const online = d.channel === 'online' || d.channel === 'assisted';
    snap.components
      .filter((c) => files.some((f) => f.component_key === c.key))
      .forEach((c, i) => {
        const n = files.filter((f) => f.component_key === c.key).length;
        const count = online ? m('slip.copies.electronic', { n }) : m('slip.copies', { originals: c.originals, copies: c.copies });
        blocks.push(P(`  ${i + 1}. ${c.name} (${count})`));
      });
    const limit = d.channel === 'online' || d.channel === 'assisted' ? (snap.onlineProcessingTime ?? snap.processingTime) : snap.processingTime;
    blocks.push(
      P(m('slip.01.sets')),
      P(m('slip.01.limit', { limit: limitText(limit) })),
      P(m('slip.01.received', { at: vnDateTime(d.received_at) })),
      P(m('slip.01.due', { at: vnDateTime(d.appointment_at ?? d.due_at) })),
      P(m('slip.01.where', { place: agency })),
      P(m('slip.01.lookup', { code: d.code, pin: d.lookup_pin ?? '' })),
      SIGN(m('slip.signatures.applicant'), m('slip.signatures.receiver')),
    );
  } else if (kind === 'supplement') {
    const pauses = await store.listPauses(ctx.db, d.id);
    const p = [...pauses].reverse().find((x) => x.kind === 'supplement');
    if (!p) throw conflict('dossier.slip_not_available');
    blocks.push(...header(agency, d.code, p.from_at), ...formTitle(d, 'supplement', ctx.clock.now()), ...who, P(m('slip.02.intro')));
    // Every deficient item of the request issued with this pause (migration 0030); a plain list for older dossiers.
    const reqs = (await store.listSupplementRequests(ctx.db, d.id)).filter((r) => r.issued_at && r.issued_at.getTime() === p.from_at.getTime());
    const items = reqs.length ? await store.listSupplementItems(ctx.db, [reqs.at(-1)!.id]) : [];
    const req = reqs.at(-1);
    if (req && req.request_no >= 2)
      blocks.push(P(m('pages.sup.slipRepeated', { no: req.request_no, name: req.decided_by_name ?? '', reason: req.decision_reason ?? '' })));
    if (items.length)
      items.forEach((x, i) =>
        blocks.push(
          P(
            `  ${m('pages.sup.slipItem', { i: i + 1, label: x.label, defect: oneOf(DEFECTS, x.defect) ? m(`supplement.defect.${x.defect}`) : x.defect, provide: x.provide })}`,
          ),
        ),
      );
    else (p.missing as string[]).forEach((x, i) => blocks.push(P(`  ${i + 1}. ${x}`)));
    blocks.push(P(m('slip.reason', { reason: p.reason })), P(m('slip.02.help', { desk: agency })), SIGN(m('slip.signatures.officer')));
  } else if (kind === 'refusal') {
    const e = last('refuse');
    if (!e) throw conflict('dossier.slip_not_available');
    blocks.push(...header(agency, d.code, e.at), ...formTitle(d, 'refusal', ctx.clock.now()), P(m('slip.01.desk', { desk: agency })), ...who);
    blocks.push(
      P(m('slip.03.body', { agency: deciding })),
      P(m('slip.reason', { reason: e.comment ?? '' })),
      P(m('slip.03.end')),
      SIGN(m('slip.signatures.officer')),
    );
  } else if (kind === 'apology') {
    const e = last('apologize');
    if (!e || !d.received_at || !d.due_at) throw conflict('dossier.slip_not_available');
    const newAt = new Date((e.data as { newAppointmentAt: string }).newAppointmentAt);
    const extension =
      deps.slipForm({ receivedAt: d.received_at, submittedAt: d.submitted_at }, 'apology', ctx.clock.now())?.legalBasis === 'Thông tư 03/2025/TT-VPCP';
    blocks.push(...header(deciding, d.code, e.at), ...formTitle(d, 'apology', ctx.clock.now()));
    blocks.push(
      P(m('slip.04.body1', { date: vnDate(d.received_at), agency: deciding, name: d.applicant_name })),
      P(m('slip.request', { procedure: snap.name })),
      P(m('slip.04.body2', { date: vnDate(d.due_at) })),
      P(m('slip.reason', { reason: e.comment ?? '' })),
      P(m(extension ? 'slip.04.extension' : 'slip.04.body3', { agency: deciding, date: vnDate(newAt) })),
      P(m('slip.04.thanks')),
      SIGN(m('slip.signatures.head')),
    );
  } else if (kind === 'stop') {
    const e = last('stop');
    if (!e) throw conflict('dossier.slip_not_available');
    blocks.push(...header(deciding, d.code, e.at), ...formTitle(d, 'stop', ctx.clock.now()));
    blocks.push(
      P(m('slip.stop.body', { date: vnDate(d.received_at ?? d.submitted_at), agency: deciding, name: d.applicant_name })),
      P(m('slip.request', { procedure: snap.name })),
      P(m('slip.stop.stage', { stage: (e.data as { stage?: string }).stage ?? '' })),
      P(m('slip.reason', { reason: e.comment ?? '' })),
      P(m('slip.stop.end', { agency: deciding })),
      SIGN(m('slip.signatures.head')),
    );
  } else {
    const steps = await store.listSteps(ctx.db, d.id);
    blocks.push(...header(agency, d.code, d.received_at ?? d.submitted_at), ...formTitle(d, 'control', ctx.clock.now()), ...who);
    for (const s of steps) {
      const result = s.left_at ? m(`slip.timeliness.${classifyTimeliness({ finishedAt: s.left_at, dueAt: s.due_at })}`) : '';
      const unit = await deps.unitName(ctx, s.unit_id);
      blocks.push(
        P(
          m('slip.05.row', {
            step: s.step_name,
            unit,
            from: vnDateTime(s.entered_at),
            to: s.left_at ? vnDateTime(s.left_at) : '…',
            due: vnDateTime(s.due_at),
            result,
          }),
        ),
      );
    }
  }
  return deps.renderPdfBlocks(blocks, { title: `${d.code} ${kind}`, createdAt: ctx.clock.now() });
}

/** Form 07 of TT 03/2025 (06 of TT 01/2018, by the form set in force at the period's end): a unit's register for [from, to] (civil dates). */
export async function registerPdf(ctx: Ctx, unitId: string, from: string, to: string): Promise<Buffer> {
  const start = new Date(`${from}T00:00:00+07:00`);
  const end = new Date(new Date(`${to}T00:00:00+07:00`).getTime() + 86_400_000);
  const list = await store.receivedBetween(ctx.db, unitId, start, end);
  const agency = await deps.unitName(ctx, unitId);
  const f = deps.slipForm({ receivedAt: new Date(end.getTime() - 1), submittedAt: end }, 'register', ctx.clock.now());
  const day = (s: string) => `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}`;
  const short = (d: Date | null) => {
    if (!d) return '';
    const v = new Date(d.getTime() + 7 * 3_600_000);
    return `${pad(v.getUTCDate())}/${pad(v.getUTCMonth() + 1)}/${v.getUTCFullYear()} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}`;
  };
  const rows = list.map((d, i) => [
    String(i + 1),
    d.code,
    d.applicant_name,
    d.procedure_name,
    short(d.received_at),
    short(d.appointment_at ?? d.due_at),
    short(d.result_ready_at ?? d.closed_at),
    oneOf(STATES, d.state) ? m(`dossier.state.${d.state}`) : d.state,
  ]);
  return deps.renderRegisterPdf({
    agency,
    placeDate: vnDate(ctx.clock.now()),
    form: f ? m('slip.form_number', { number: f.number, basis: f.legalBasis }) : '',
    title: (f?.title ?? 'Sổ theo dõi hồ sơ').toUpperCase(),
    period: m('slip.register.period', { from: day(from), to: day(to) }),
    headers: (['no', 'code', 'applicant', 'procedure', 'received', 'due', 'finished', 'state'] as const).map((k) => m(`slip.register.${k}`)),
    rows,
    createdAt: ctx.clock.now(),
  });
}
