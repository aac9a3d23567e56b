/**
 * Pure rules of the feedback module: settings (as data, with defaults), petition deadlines and
 * on-time status (QĐ 766 indicators 5.2/5.3), the rating criteria and scale (REGULATIONS.md §7),
 * and the figures per unit. No I/O.
 */
import type { TimeLimit } from '../../platform/calendar/types';
import { oneOf, t, type Lang, type MessageKey } from '../../platform/i18n';

export interface FeedbackSettings {
  /** Answer a petition within this limit from its receipt or transfer (QĐ 766 5.2: 15 working days). */
  answerDays: number;
  /** Refuse to handle within this limit (2 working days). */
  refusalDays: number;
  /** First request for more information within this limit (5 working days). */
  infoRequestDays: number;
  /** Publish the answer within this limit of its approval (2 working days). */
  publishDays: number;
  /** A dossier rating can be changed for this many days after it is first given. */
  ratingChangeDays: number;
  /** Rating criteria, in order; `overall` is the one that decides "satisfied". */
  criteria: Criterion[];
  /** Overall scores at or below this count as "not satisfied" (2 = Không hài lòng). */
  unsatisfiedAtOrBelow: number;
}

export interface Criterion {
  key: string;
  vi: string;
  en: string;
}

/** The 12 criteria of the Thừa Thiên Huế rating form (REGULATIONS.md §7), as data. */
export const DEFAULT_CRITERIA: Criterion[] = [
  { key: 'overall', vi: 'Đánh giá chung về chất lượng phục vụ', en: 'Overall service' },
  { key: 'convenience', vi: 'Sự thuận tiện khi sử dụng dịch vụ công trực tuyến', en: 'Convenience of the online service' },
  { key: 'timeliness', vi: 'Sự kịp thời trong giải quyết và trả kết quả', en: 'Timeliness of processing and return' },
  { key: 'attitude', vi: 'Thái độ, tinh thần phục vụ của cán bộ, công chức', en: 'Attitude of officers' },
  { key: 'time_vs_limit', vi: 'Thời gian giải quyết so với quy định', en: 'Processing time against the legal limit' },
  { key: 'actual_time', vi: 'Thời gian thực tế giải quyết hồ sơ', en: 'Actual processing time' },
  { key: 'contacts', vi: 'Số lần phải liên hệ để hoàn thiện hồ sơ', en: 'Number of contacts needed to complete the dossier' },
  { key: 'agencies', vi: 'Số cơ quan phải liên hệ', en: 'Number of agencies to contact' },
  { key: 'one_stop', vi: 'Tiếp nhận và trả kết quả tại Bộ phận Một cửa', en: 'One-stop reception and return' },
  { key: 'publicity', vi: 'Công khai thủ tục hành chính', en: 'Publicity of the procedure' },
  { key: 'petitions', vi: 'Tiếp nhận, xử lý phản ánh, kiến nghị', en: 'Handling of petitions' },
  { key: 'online_quality', vi: 'Tiến độ và chất lượng cung cấp dịch vụ công trực tuyến', en: 'Progress and quality of online services' },
];

/** The five-level scale, 5 = best. */
export const SCALE = [5, 4, 3, 2, 1] as const;
export const SCALE_KEYS: Record<number, MessageKey> = {
  5: 'feedback.scale.5',
  4: 'feedback.scale.4',
  3: 'feedback.scale.3',
  2: 'feedback.scale.2',
  1: 'feedback.scale.1',
};

export const DEFAULT_SETTINGS: FeedbackSettings = {
  answerDays: 15,
  refusalDays: 2,
  infoRequestDays: 5,
  publishDays: 2,
  ratingChangeDays: 7,
  criteria: DEFAULT_CRITERIA,
  unsatisfiedAtOrBelow: 2,
};

export function mergeSettings(stored: Partial<FeedbackSettings> | null | undefined): FeedbackSettings {
  const s = { ...DEFAULT_SETTINGS, ...(stored ?? {}) };
  if (!Array.isArray(s.criteria) || s.criteria.length === 0) s.criteria = DEFAULT_CRITERIA;
  return s;
}

export const wd = (value: number): TimeLimit => ({ value, unit: 'working_days' });

// ---------- petitions ----------

export const SUBJECT_KINDS = ['procedure', 'dossier', 'unit', 'officer', 'other'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];
export const PETITION_STATES = ['received', 'info_requested', 'answered', 'closed', 'refused'] as const;
/** A petition's state in words (a state off the list, from an older row, as itself). */
export const petitionStateText = (lang: Lang, s: string) => (oneOf(PETITION_STATES, s) ? t(lang, `feedback.petition.state.${s}`) : s);
export type PetitionState = (typeof PETITION_STATES)[number];
export const PETITION_ACTIONS = ['request_info', 'provide_info', 'refuse', 'answer', 'return', 'approve', 'transfer', 'publish'] as const;
export type PetitionAction = (typeof PETITION_ACTIONS)[number];

/** Which state an action may start from, and where it leads. */
export const PETITION_MACHINE: Record<PetitionAction, { from: readonly PetitionState[]; to: PetitionState | null }> = {
  request_info: { from: ['received'], to: 'info_requested' },
  provide_info: { from: ['info_requested'], to: 'received' },
  refuse: { from: ['received', 'info_requested'], to: 'refused' },
  answer: { from: ['received', 'info_requested'], to: 'answered' },
  return: { from: ['answered'], to: 'received' },
  approve: { from: ['answered'], to: 'closed' },
  transfer: { from: ['received', 'info_requested'], to: 'received' },
  publish: { from: ['closed'], to: null },
};

export function canDo(action: PetitionAction, state: string): boolean {
  return (PETITION_MACHINE[action].from as readonly string[]).includes(state);
}

/** The handling actions only a leader of the petition's unit takes. */
export const LEADER_ACTIONS: readonly PetitionAction[] = ['approve', 'return', 'publish'];

/**
 * Who asks, as the petition's unit sees them: a citizen (the submitter acts by code and secret,
 * not here), an officer with no role there, one who oversees it (monitor, admin: sees, does not
 * handle), a handler (reception, specialist, controller) or a leader of the unit.
 */
export type PetitionActor = 'citizen' | 'unrelated' | 'overseer' | 'handler' | 'leader';

export type PetitionDecision = { ok: true; to: PetitionState | null } | { ok: false; status: 403 | 404 | 409; key: MessageKey };

/** What the office may do to a petition in a state (the note and publication-consent checks come after). */
export function decidePetition(action: PetitionAction, state: PetitionState, who: PetitionActor): PetitionDecision {
  if (who === 'citizen' || action === 'provide_info') return { ok: false, status: 403, key: 'error.forbidden' };
  if (who === 'unrelated') return { ok: false, status: 404, key: 'feedback.error.not_found' };
  const allowed = LEADER_ACTIONS.includes(action) ? who === 'leader' : who === 'leader' || who === 'handler';
  if (!allowed) return { ok: false, status: 403, key: 'feedback.error.wrong_unit' };
  if (!canDo(action, state)) return { ok: false, status: 409, key: 'feedback.error.wrong_state' };
  return { ok: true, to: PETITION_MACHINE[action].to };
}

/** Categorisation for 5.1: about rules/procedures, about officers' conduct, other. */
export const PETITION_CATEGORIES = ['procedure', 'conduct', 'other'] as const;
export function categoryOf(kind: SubjectKind): (typeof PETITION_CATEGORIES)[number] {
  if (kind === 'officer') return 'conduct';
  if (kind === 'procedure' || kind === 'dossier' || kind === 'unit') return 'procedure';
  return 'other';
}

/** The facts of a petition the on-time rule needs. */
export interface PetitionTimes {
  state: string;
  receivedAt: Date;
  dueAt: Date;
  infoRequestedAt: Date | null;
  refusedAt: Date | null;
  approvedAt: Date | null;
  publishedAt: Date | null;
  consentPublish: boolean;
}

/** Deadlines of a petition, computed with the working calendar (`addDays(t, n)` = n working days after t). */
export interface PetitionDeadlines {
  answer: Date;
  refusal: Date;
  infoRequest: Date;
  publish: Date | null;
}

export function deadlinesOf(p: PetitionTimes, s: FeedbackSettings, due: (from: Date, limit: TimeLimit) => Date): PetitionDeadlines {
  return {
    answer: p.dueAt,
    refusal: due(p.receivedAt, wd(s.refusalDays)),
    infoRequest: due(p.receivedAt, wd(s.infoRequestDays)),
    publish: p.approvedAt && p.consentPublish ? due(p.approvedAt, wd(s.publishDays)) : null,
  };
}

export const TIMELINESS = ['on_time', 'late', 'open', 'overdue'] as const;
export type Timeliness = (typeof TIMELINESS)[number];

/**
 * QĐ 766 5.2: a petition is handled on time when it is refused within the refusal limit, or
 * answered (approved) by its due date, its first request for information (if any) came within
 * the information limit, and (when the submitter agreed) the answer was published within the
 * publication limit. Open petitions are `open` until their due date passes, then `overdue`.
 */
export function timelinessOf(p: PetitionTimes, d: PetitionDeadlines, asOf: Date): Timeliness {
  if (p.state === 'refused' && p.refusedAt) return p.refusedAt <= d.refusal ? 'on_time' : 'late';
  if (p.state === 'closed' && p.approvedAt) {
    if (p.approvedAt > d.answer) return 'late';
    if (p.infoRequestedAt && p.infoRequestedAt > d.infoRequest) return 'late';
    if (d.publish) {
      if (p.publishedAt ? p.publishedAt > d.publish : asOf > d.publish) return 'late';
    }
    return 'on_time';
  }
  return asOf > d.answer ? 'overdue' : 'open';
}

export interface PetitionFact extends PetitionTimes {
  category: string;
  rating: string | null;
  reraised: boolean;
}

export interface PetitionFigures {
  /** Petitions counted in the period: handled in it, or open and overdue at its end. */
  petitions: number;
  /** 5.1: petitions classified (procedure vs conduct). */
  classified: number;
  handled: number;
  handledOnTime: number;
  /** 5.3: petitions rated not satisfied, raised again, or overdue/late. */
  dissatisfied: number;
  /** 5.2 = onTime.numerator / onTime.denominator */
  onTime: { numerator: number; denominator: number };
  /** 5.3 = satisfaction.numerator / satisfaction.denominator */
  satisfaction: { numerator: number; denominator: number };
}

/**
 * Figures of a set of petitions for [from, to): handled (closed or refused) in the period, plus
 * petitions still open whose due date passed before the end of the period (they count as not on time).
 */
/**
 * Where one petition stands for [from, to) judged at `asOf`: null when the period does not count
 * it (neither handled in it nor open and overdue at its end); else whether it costs 5.2 (not
 * handled on time) and 5.3 (that, or rated not satisfied, or raised again), with the reasons.
 */
export type PetitionCost = 'late' | 'overdue' | 'unsatisfied' | 'reraised';
export function petitionStanding(
  fact: PetitionFact,
  deadlines: PetitionDeadlines,
  from: Date,
  to: Date,
  asOf: Date,
): { handledIn: boolean; onTime: boolean; satisfied: boolean; reasons: PetitionCost[] } | null {
  const end = fact.state === 'refused' ? fact.refusedAt : fact.state === 'closed' ? fact.approvedAt : null;
  const handledIn = end != null && end >= from && end < to;
  const t = timelinessOf(fact, deadlines, asOf);
  const openOverdue = end == null && fact.receivedAt < to && t === 'overdue';
  if (!handledIn && !openOverdue) return null;
  const onTime = handledIn && t === 'on_time';
  const reasons: PetitionCost[] = [];
  if (!onTime) reasons.push(handledIn ? 'late' : 'overdue');
  if (fact.rating === 'unsatisfied') reasons.push('unsatisfied');
  if (fact.reraised) reasons.push('reraised');
  return { handledIn, onTime, satisfied: reasons.length === 0, reasons };
}

export function figuresOf(facts: { fact: PetitionFact; deadlines: PetitionDeadlines }[], from: Date, to: Date, now: Date): PetitionFigures {
  const asOf = now < to ? now : to;
  let petitions = 0;
  let classified = 0;
  let handled = 0;
  let onTime = 0;
  let dissatisfied = 0;
  for (const { fact, deadlines } of facts) {
    const s = petitionStanding(fact, deadlines, from, to, asOf);
    if (!s) continue;
    petitions++;
    if (fact.category === 'procedure' || fact.category === 'conduct') classified++;
    if (s.handledIn) handled++;
    if (s.onTime) onTime++;
    if (!s.satisfied) dissatisfied++;
  }
  return {
    petitions,
    classified,
    handled,
    handledOnTime: onTime,
    dissatisfied,
    onTime: { numerator: onTime, denominator: petitions },
    satisfaction: { numerator: petitions - dissatisfied, denominator: petitions },
  };
}

// ---------- dossier ratings ----------

export const RATEABLE_STATES = ['result_ready', 'returned'] as const;

export function isUnsatisfied(overall: number, s: FeedbackSettings): boolean {
  return overall <= s.unsatisfiedAtOrBelow;
}

/** Checks the scores against the criteria: every criterion 1..5. Returns the missing/invalid keys. */
export function invalidScores(scores: Record<string, unknown>, criteria: Criterion[]): string[] {
  return criteria.filter((c) => !Number.isInteger(scores[c.key]) || (scores[c.key] as number) < 1 || (scores[c.key] as number) > 5).map((c) => c.key);
}

export function overallOf(scores: Record<string, number>, criteria: Criterion[]): number {
  if (scores.overall) return scores.overall;
  const v = criteria.map((c) => scores[c.key]).filter((x) => typeof x === 'number');
  return Math.round(v.reduce((a, b) => a + b, 0) / Math.max(1, v.length));
}

export interface RatingAggregate {
  key: string;
  ratings: number;
  satisfied: number;
  unsatisfied: number;
  average: number;
  /** Per criterion: average score. */
  criteria: Record<string, number>;
}

export function aggregate(rows: { key: string; overall: number; scores: Record<string, number> }[], s: FeedbackSettings): RatingAggregate[] {
  const by = new Map<string, typeof rows>();
  for (const r of rows) by.set(r.key, [...(by.get(r.key) ?? []), r]);
  return [...by.entries()]
    .map(([key, list]) => {
      const crit: Record<string, number> = {};
      for (const c of s.criteria) {
        const v = list.map((r) => r.scores[c.key]).filter((x) => typeof x === 'number');
        if (v.length) crit[c.key] = round1(v.reduce((a, b) => a + b, 0) / v.length);
      }
      const uns = list.filter((r) => isUnsatisfied(r.overall, s)).length;
      return {
        key,
        ratings: list.length,
        satisfied: list.length - uns,
        unsatisfied: uns,
        average: round1(list.reduce((a, r) => a + r.overall, 0) / list.length),
        criteria: crit,
      };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
}

export const round1 = (x: number) => Math.round(x * 10) / 10;
