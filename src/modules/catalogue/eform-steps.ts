/**
 * A long e-form asked one section per page (issue 13.7, GOV.UK "question pages" with a progress
 * caption): the sections are the top-level groups of the uiSchema, in order. A form of one section
 * (or whose top level is not all groups) stays one page. Pure: no I/O.
 */
import { conditionHolds, deleteAt, getAt, scopePath, setAt, type FormData, type Rule, type UiElement } from './eform-schema';
import type { EFormDefinition } from './snapshot';

export interface FormSection {
  /** 1-based, as the page shows it ("Bước 2/4"). */
  number: number;
  label: string | null;
  labelEn: string | null;
  element: UiElement;
  /** The field names ("a.b") of the controls in the section, in order. */
  fields: string[];
}

function controlPaths(el: UiElement): string[][] {
  if (!el || typeof el !== 'object') return [];
  if (el.type === 'Control' && typeof el.scope === 'string') return [scopePath(el.scope)];
  return Array.isArray(el.elements) ? (el.elements as UiElement[]).flatMap(controlPaths) : [];
}

/** The sections of a form asked step by step; [] when the form is one page. */
export function formSections(def: EFormDefinition): FormSection[] {
  const top = def.uiSchema?.type === 'VerticalLayout' && Array.isArray(def.uiSchema.elements) ? (def.uiSchema.elements as UiElement[]) : [];
  if (top.length < 2 || !top.every((e) => e?.type === 'Group')) return [];
  return top.map((element, i) => ({
    number: i + 1,
    label: typeof element.label === 'string' ? element.label : null,
    labelEn: typeof element['x-label-en'] === 'string' ? element['x-label-en'] : null,
    element,
    fields: controlPaths(element).map((p) => p.join('.')),
  }));
}

/**
 * The section as a form of its own, for one page. A rule whose trigger is in another section is
 * settled with the answers already given: the field is left out when the rule hides it (the
 * server drops its value anyway) and shown without the rule otherwise, so the page's script does
 * not hide it for want of a trigger on the page.
 */
export function sectionForm(def: EFormDefinition, section: FormSection, answers: FormData): EFormDefinition {
  const here = new Set(section.fields);
  const settle = (el: UiElement): UiElement | null => {
    const rule = el.rule as Rule | undefined;
    let out: UiElement = el;
    if (rule?.condition?.scope && !here.has(scopePath(rule.condition.scope).join('.'))) {
      const holds = conditionHolds(rule.condition.schema ?? {}, getAt(answers, scopePath(rule.condition.scope)));
      const hidden = rule.effect === 'SHOW' ? !holds : rule.effect === 'HIDE' ? holds : false;
      if (hidden) return null;
      if (rule.effect === 'SHOW' || rule.effect === 'HIDE') {
        const { rule: _r, ...rest } = el;
        out = rest;
      }
    }
    if (Array.isArray(out.elements)) out = { ...out, elements: (out.elements as UiElement[]).map(settle).filter((e): e is UiElement => e !== null) };
    return out;
  };
  return { ...def, uiSchema: { type: 'VerticalLayout', elements: [settle(section.element) ?? { ...section.element, elements: [] }] } };
}

/** The answers so far with the section's fields replaced by the posted ones (an unticked box or an emptied field is removed). */
export function mergeSection(answers: FormData, posted: FormData, section: FormSection): FormData {
  const out = structuredClone(answers ?? {});
  for (const name of section.fields) {
    const path = name.split('.');
    deleteAt(out, path);
    const v = getAt(posted, path);
    if (v !== undefined) setAt(out, path, v);
  }
  return out;
}

/** The section a field belongs to (its number), or null for a field outside every section. */
export function sectionOfField(sections: readonly FormSection[], field: string): number | null {
  return sections.find((s) => s.fields.some((f) => f === field || field.startsWith(`${f}.`)))?.number ?? null;
}
