/**
 * The slips of Circular 01/2018/TT-VPCP as PDFs (A5, Vietnamese): 01 receipt and appointment,
 * 02 supplement request, 03 refusal, 04 apology and new date, 05 processing control.
 * The wording lives in messages.ts (slip.*); the forms are prescribed in Vietnamese.
 */
import type { Ctx } from '../../../platform/context';
import { conflict } from '../../../platform/errors';
import { t } from '../../../platform/i18n';
import * as deps from '../deps';
import type { PdfBlock } from '../deps';
import { classifyTimeliness } from '../model';
import * as store from '../store';
import type { Dossier } from '../store';
import { snapshotOf } from './common';

export const SLIP_KINDS = ['receipt', 'supplement', 'refusal', 'apology', 'control'] as const;
export type SlipKind = (typeof SLIP_KINDS)[number];

const pad = (n: number) => String(n).padStart(2, '0');
/** "HH giờ mm phút, ngày dd tháng MM năm yyyy" in Vietnam time. */
export function vnDateTime(d: Date): string {
  const v = new Date(d.getTime() + 7 * 3_600_000);
  return t('vi', 'slip.datetime', { h: pad(v.getUTCHours()), m: pad(v.getUTCMinutes()), d: pad(v.getUTCDate()), mo: pad(v.getUTCMonth() + 1), y: v.getUTCFullYear() });
}
export function vnDate(d: Date): string {
  const v = new Date(d.getTime() + 7 * 3_600_000);
  return t('vi', 'slip.date', { d: pad(v.getUTCDate()), mo: pad(v.getUTCMonth() + 1), y: v.getUTCFullYear() });
}
function limitText(l: { value: number; unit: string }): string {
  return t('vi', `slip.unit.${l.unit}`, { n: l.value });
}

const m = (key: string, p?: Record<string, unknown>) => t('vi', key, p);

function header(agency: string, code: string, at: Date): PdfBlock[] {
  return [
    { text: agency.toUpperCase(), bold: true, align: 'left', size: 8 },
    { text: m('slip.desk'), bold: true, size: 8 },
    { text: m('slip.nation'), bold: true, align: 'right', size: 8 },
    { text: m('slip.motto'), bold: true, align: 'right', size: 8, gap: 0.5 },
    { text: m('slip.code', { code }), size: 8 },
    { text: vnDate(at), align: 'right', size: 8, gap: 1 },
  ];
}

export async function slipPdf(ctx: Ctx, d: Dossier, kind: SlipKind): Promise<Buffer> {
  const snap = snapshotOf(d);
  const agency = await deps.unitName(ctx, d.receiving_unit_id);
  const deciding = await deps.unitName(ctx, d.deciding_unit_id);
  const events = await store.listEvents(ctx.db, d.id);
  const last = (action: string) => [...events].reverse().find((e) => e.action === action);
  const blocks: PdfBlock[] = [];
  const who = [
    { text: m('slip.applicant', { name: d.applicant_name }) },
    { text: m('slip.address', { address: d.applicant_address ?? '' }) },
    { text: m('slip.contact', { phone: d.applicant_phone ?? '', email: d.applicant_email ?? '' }) },
    { text: m('slip.request', { procedure: snap.name }), gap: 0.5 },
  ];
  if (kind === 'receipt') {
    if (!d.received_at || !d.due_at) throw conflict('dossier.slip_not_available');
    blocks.push(...header(agency, d.code, d.received_at), { text: m('slip.01.title'), bold: true, align: 'center', size: 11, gap: 0.5 }, { text: m('slip.01.desk', { desk: agency }) }, ...who);
    blocks.push({ text: m('slip.01.components') });
    snap.components.forEach((c, i) => blocks.push({ text: `  ${i + 1}. ${c.name} (${m('slip.copies', { originals: c.originals, copies: c.copies })})` }));
    const limit = d.channel === 'online' || d.channel === 'assisted' ? (snap.onlineProcessingTime ?? snap.processingTime) : snap.processingTime;
    blocks.push(
      { text: m('slip.01.sets') },
      { text: m('slip.01.limit', { limit: limitText(limit) }) },
      { text: m('slip.01.received', { at: vnDateTime(d.received_at) }) },
      { text: m('slip.01.due', { at: vnDateTime(d.appointment_at ?? d.due_at) }) },
      { text: m('slip.01.where', { place: agency }) },
      { text: m('slip.01.lookup', { code: d.code, pin: d.lookup_pin ?? '' }), gap: 1 },
      { text: m('slip.signatures.01'), bold: true, align: 'center' },
      { text: m('slip.sign'), align: 'center', size: 7 },
    );
  } else if (kind === 'supplement') {
    const pauses = await store.listPauses(ctx.db, d.id);
    const p = [...pauses].reverse().find((x) => x.kind === 'supplement');
    if (!p) throw conflict('dossier.slip_not_available');
    blocks.push(...header(agency, d.code, p.from_at), { text: m('slip.02.title'), bold: true, align: 'center', size: 11, gap: 0.5 }, ...who, { text: m('slip.02.intro') });
    (p.missing as string[]).forEach((x, i) => blocks.push({ text: `  ${i + 1}. ${x}` }));
    blocks.push({ text: m('slip.reason', { reason: p.reason }) }, { text: m('slip.02.help', { desk: agency }), gap: 1 }, { text: m('slip.signatures.officer'), bold: true, align: 'right' }, { text: m('slip.sign'), align: 'right', size: 7 });
  } else if (kind === 'refusal') {
    const e = last('refuse');
    if (!e) throw conflict('dossier.slip_not_available');
    blocks.push(...header(agency, d.code, e.at), { text: m('slip.03.title'), bold: true, align: 'center', size: 11, gap: 0.5 }, { text: m('slip.01.desk', { desk: agency }) }, ...who);
    blocks.push({ text: m('slip.03.body', { agency: deciding }) }, { text: m('slip.reason', { reason: e.comment ?? '' }) }, { text: m('slip.03.end'), gap: 1 }, { text: m('slip.signatures.officer'), bold: true, align: 'right' }, { text: m('slip.sign'), align: 'right', size: 7 });
  } else if (kind === 'apology') {
    const e = last('apologize');
    if (!e || !d.received_at || !d.due_at) throw conflict('dossier.slip_not_available');
    const newAt = new Date((e.data as { newAppointmentAt: string }).newAppointmentAt);
    blocks.push(...header(deciding, d.code, e.at), { text: m('slip.04.title'), bold: true, align: 'center', size: 11, gap: 0.5 });
    blocks.push(
      { text: m('slip.04.body1', { date: vnDate(d.received_at), agency: deciding, name: d.applicant_name }) },
      { text: m('slip.request', { procedure: snap.name }) },
      { text: m('slip.04.body2', { date: vnDate(d.due_at) }) },
      { text: m('slip.reason', { reason: e.comment ?? '' }) },
      { text: m('slip.04.body3', { agency: deciding, date: vnDate(newAt) }) },
      { text: m('slip.04.thanks'), gap: 1 },
      { text: m('slip.signatures.head'), bold: true, align: 'right' },
      { text: m('slip.sign'), align: 'right', size: 7 },
    );
  } else {
    const steps = await store.listSteps(ctx.db, d.id);
    blocks.push(...header(agency, d.code, d.received_at ?? d.submitted_at), { text: m('slip.05.title'), bold: true, align: 'center', size: 11, gap: 0.5 }, ...who);
    for (const s of steps) {
      const result = s.left_at ? m(`slip.timeliness.${classifyTimeliness({ finishedAt: s.left_at, dueAt: s.due_at })}`) : '';
      const unit = await deps.unitName(ctx, s.unit_id);
      blocks.push({ text: m('slip.05.row', { step: s.step_name, unit, from: vnDateTime(s.entered_at), to: s.left_at ? vnDateTime(s.left_at) : '…', due: vnDateTime(s.due_at), result }), gap: 0.3 });
    }
  }
  return deps.renderPdfBlocks(blocks, { title: `${d.code} ${kind}` });
}
