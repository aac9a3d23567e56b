/**
 * What other modules read: the rules in force on a date and for a dossier. The rules are data
 * compiled into the code (model.ts), so the functions are pure; `ctx` is accepted so that a
 * later version may read province-specific rule sets from the database without changing callers.
 */
import type { Ctx } from '../../platform/context';
import { t, type Lang } from '../../platform/i18n';
import * as model from './model';
import type { CivilDate, FormDef, FormKind, RuleSet, RuleValue } from './model';

export type { CivilDate, FormDef, FormKind, RuleSet, RuleValue } from './model';
export { civilDate, isCivilDate } from './model';

/** Refuses to start with rule sets that overlap within a family (or are otherwise unsound). */
export function assertRuleSets(sets: readonly RuleSet[] = model.RULE_SETS, lang: Lang = 'vi'): void {
  const problems = model.checkRuleSets(sets);
  if (problems.length) throw new Error(problems.map((p) => t(lang, p.key, p.params)).join('\n'));
}

export function rulesAt(date: Date | CivilDate): RuleSet[] {
  return model.rulesAt(date);
}
export function ruleInForce(_ctx: Ctx | undefined, key: string, date: Date | CivilDate): RuleValue | undefined {
  return model.ruleValue(key, date);
}
export function formsAt(date: Date | CivilDate): readonly FormDef[] {
  return model.formsAt(date);
}
export function paperRefusedFor(procedureIsEssential: boolean, date: Date | CivilDate): boolean {
  return model.paperRefusedFor(procedureIsEssential, date);
}
export function componentsFromSourceAt(date: Date | CivilDate): boolean {
  return model.componentsFromSourceAt(date);
}
export function rulesForDossier(d: { receivedAt: Date | null; submittedAt: Date }) {
  return model.rulesForDossier(d);
}
/** The form for a slip of a dossier, from the form set in force on its reception date (null: that set has no such form). */
export function formForDossier(d: { receivedAt: Date | null; submittedAt: Date }, kind: FormKind): FormDef | null {
  return model.rulesForDossier(d).forms.find((f) => f.kind === kind) ?? null;
}
/** The form of a kind in the set in force on a date (e.g. the register of a period). */
export function formAt(date: Date | CivilDate, kind: FormKind): FormDef | null {
  return model.formsAt(date).find((f) => f.kind === kind) ?? null;
}
/** Whether the one-stop rules a dossier falls under have the stop action (NĐ 118/2025, Mẫu 05). */
export function stopAvailableFor(d: { receivedAt: Date | null; submittedAt: Date }): boolean {
  return model.rulesForDossier(d).ruleSets.some((s) => s.rules.some((r) => r.key === 'stop.available' && r.value === true));
}

/** The answer of GET /api/v1/rules (and the page). */
export function lawOfTheDay(at: CivilDate) {
  return {
    at,
    ruleSets: model.rulesAt(at).map((s) => ({
      id: s.id,
      name: s.name,
      legalBasis: [...s.legalBasis],
      validFrom: s.validFrom,
      validTo: s.validTo,
      rules: s.rules.map((r) => ({ key: r.key, value: r.value, clause: r.clause })),
    })),
    forms: model.formsAt(at).map((f) => ({ number: f.number, title: f.title, legalBasis: f.legalBasis })),
  };
}
