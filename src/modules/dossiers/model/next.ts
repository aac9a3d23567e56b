/**
 * "What happens next": one sentence on every dossier page saying who must act now and by when
 * (issue 13.5), from the dossier's state, the step it is at and its due times. Pure: the caller
 * passes unit names (never ids) and the language.
 */
import { ROLES } from '../../../platform/auth';
import { oneOf, t, type Lang } from '../../../platform/i18n';
import type { DossierState } from './states';

export interface NextInput {
  state: DossierState;
  /** The step the dossier is at (states at a step), with the name of the unit holding it. */
  step: { role: string; unitName: string; dueAt: Date | null } | null;
  consultation: { unitName: string; dueAt: Date | null } | null;
  receivingUnitName: string;
  /** The date promised to the applicant (the appointment, or the due date). */
  appointmentAt: Date | null;
  /** Who reads the sentence: the applicant is addressed as "ông/bà". */
  audience: 'applicant' | 'officer';
  /** A result file is still being signed: the applicant cannot download it yet. */
  resultSigning?: boolean;
}

const TZ = 'Asia/Ho_Chi_Minh';

/** 15:30 03/12/2026 in Vietnam time, as the sentence reads. */
export function timeThenDate(d: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: TZ,
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour12: false,
  }).formatToParts(d);
  const p = (type: string) => parts.find((x) => x.type === type)?.value ?? '';
  return `${p('hour') === '24' ? '00' : p('hour')}:${p('minute')} ${p('day')}/${p('month')}/${p('year')}`;
}

export function whatHappensNext(lang: Lang, d: NextInput): string {
  const who = d.audience;
  const due = (at: Date | null) => (at ? t(lang, 'dossier.next.due', { at: timeThenDate(at) }) : '');
  switch (d.state) {
    case 'submitted':
      return t(lang, 'dossier.next.submitted', { unit: d.receivingUnitName });
    case 'received':
    case 'processing':
    case 'transferred': {
      if (!d.step) return t(lang, 'dossier.next.processing_unknown');
      const r = d.step.role;
      const role = oneOf(ROLES, r) ? t(lang, `dossier.next.role.${r}`) : r;
      return t(lang, 'dossier.next.at_step', { role, unit: d.step.unitName, due: due(d.step.dueAt) });
    }
    case 'consulting':
      return t(lang, 'dossier.next.consulting', { unit: d.consultation?.unitName ?? '', due: due(d.consultation?.dueAt ?? null) });
    case 'waiting_supplement':
      return t(lang, `dossier.next.waiting_supplement.${who}`);
    case 'waiting_fee':
      return t(lang, `dossier.next.waiting_fee.${who}`);
    case 'result_ready':
      if (d.resultSigning && who === 'applicant')
        return t(lang, 'dossier.next.result_signing.applicant', { unit: d.receivingUnitName, at: d.appointmentAt ? timeThenDate(d.appointmentAt) : '—' });
      return t(lang, `dossier.next.result_ready.${who}`, { unit: d.receivingUnitName, at: d.appointmentAt ? timeThenDate(d.appointmentAt) : '—' });
    case 'returned':
    case 'refused':
    case 'withdrawn':
    case 'cancelled':
      return t(lang, `dossier.next.${d.state}`);
  }
}
