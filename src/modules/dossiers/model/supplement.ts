/**
 * One complete supplement request (issue 17 items 1-2): the officer ticks, against the
 * procedure's component checklist, every deficient item with its defect and what to provide; the
 * request lists them all (Mẫu 02). A second or later request needs a leader's approval (rule
 * `supplement.once`: the law asks for one complete request). A component the state holds (its
 * data source, rule `components.fromSource`) is not asked for on paper unless its fetch failed and
 * that failure is recorded. The applicant answers each item (a note, a file, or both). Pure.
 * See docs/decisions-supplement.md.
 */
import type { Actor } from '../../../platform/auth';
import type { ComponentSpec } from '../../catalogue/model';
import type { ComponentSources } from './data-sources';
import type { MessageKey } from '../../../platform/i18n/keys';

export const DEFECTS = ['missing', 'unreadable', 'expired', 'wrong_form', 'data_mismatch'] as const;
export type Defect = (typeof DEFECTS)[number];

/** An item as the officer sends it: a component of the checklist (componentKey), or a free item (label). */
export interface SupplementItemInput {
  componentKey?: string | null;
  label?: string | null;
  defect: string;
  provide?: string | null;
}

export interface SupplementItem {
  componentKey: string | null;
  label: string;
  defect: Defect;
  provide: string;
}

/** The rows of a supplement request's items, in the order the officer listed them. */
export function supplementItemRows(requestId: string, items: readonly SupplementItem[], newId: () => string) {
  return items.map((x, i) => ({
    id: newId(),
    request_id: requestId,
    position: i + 1,
    component_key: x.componentKey,
    label: x.label,
    defect: x.defect,
    provide: x.provide,
  }));
}

export type ItemsCheck =
  { ok: true; items: SupplementItem[] } | { ok: false; status: 400 | 409; key: MessageKey; params?: Record<string, unknown>; field?: string };

export const MAX_ITEMS = 50;

/**
 * The components that may not be asked for on paper: they name a data source, the rule is in
 * force for the dossier, and no failed fetch of them is recorded (fetched, chosen from the e-data
 * store, or never tried).
 */
export function heldByState(components: readonly ComponentSpec[], sources: ComponentSources, fromSourceInForce: boolean): ComponentSpec[] {
  if (!fromSourceInForce) return [];
  return components.filter((c) => !!c.dataSource && sources[c.key]?.outcome !== 'failed');
}

/**
 * Checks and normalises the items of a request: at least one; each a known component (a free
 * item is matched to a component by its name or key) or a free label; a known defect; what to
 * provide (defaults to the component's name when a plain "missing" list is converted); no
 * component twice; none held by the state (409 dossier.supplement_from_source).
 */
export function checkSupplementItems(
  components: readonly ComponentSpec[],
  sources: ComponentSources,
  fromSourceInForce: boolean,
  input: readonly SupplementItemInput[],
): ItemsCheck {
  if (input.length === 0) return { ok: false, status: 400, key: 'dossier.missing_list_required', field: 'items' };
  if (input.length > MAX_ITEMS) return { ok: false, status: 400, key: 'dossier.supplement_too_many', params: { max: MAX_ITEMS }, field: 'items' };
  const byKey = new Map(components.map((c) => [c.key, c]));
  const byName = new Map(components.map((c) => [c.name.trim(), c]));
  const out: SupplementItem[] = [];
  const seen = new Set<string>();
  for (const [i, it] of input.entries()) {
    const label = (it.label ?? '').trim();
    let comp: ComponentSpec | undefined;
    if (it.componentKey) {
      comp = byKey.get(it.componentKey);
      if (!comp) return { ok: false, status: 400, key: 'dossier.component_unknown', params: { component: it.componentKey }, field: `items.${i}.componentKey` };
    } else comp = byKey.get(label) ?? byName.get(label);
    if (!comp && !label) return { ok: false, status: 400, key: 'dossier.supplement_item_label_required', field: `items.${i}.label` };
    if (!(DEFECTS as readonly string[]).includes(it.defect))
      return { ok: false, status: 400, key: 'dossier.supplement_defect_invalid', field: `items.${i}.defect` };
    const provide = (it.provide ?? '').trim() || (comp ? comp.name : label);
    if (comp) {
      if (seen.has(comp.key))
        return { ok: false, status: 400, key: 'dossier.supplement_item_duplicate', params: { component: comp.name }, field: `items.${i}.componentKey` };
      seen.add(comp.key);
    }
    out.push({ componentKey: comp?.key ?? null, label: comp ? comp.name : label, defect: it.defect as Defect, provide: provide.slice(0, 1000) });
  }
  const held = new Set(heldByState(components, sources, fromSourceInForce).map((c) => c.key));
  const asked = out.filter((x) => x.componentKey && held.has(x.componentKey));
  if (asked.length) return { ok: false, status: 409, key: 'dossier.supplement_from_source', params: { components: asked.map((x) => x.label).join(', ') } };
  return { ok: true, items: out };
}

/** A plain list of what is missing (the older API and form field) as items: defect "missing". */
export function itemsFromMissing(missing: readonly string[]): SupplementItemInput[] {
  return missing
    .map((m) => m.trim())
    .filter(Boolean)
    .map((label) => ({ label, defect: 'missing' }));
}

/**
 * Does this request need a leader's approval? When one request was already issued on the dossier
 * and the rules in force ask for one complete request (`supplement.once`, true when absent).
 */
export function needsLeaderApproval(issuedBefore: number, onceRule: boolean | undefined): boolean {
  return issuedBefore >= 1 && onceRule !== false;
}

/** A leader of the dossier's units (the receiving desk's unit, the deciding agency, or the current step's unit) may approve. */
export function mayApproveSupplement(actor: Actor, d: { receivingUnitId: string; decidingUnitId: string; stepUnitId: string | null }): boolean {
  if (actor.kind !== 'officer') return false;
  const units = new Set([d.receivingUnitId, d.decidingUnitId, ...(d.stepUnitId ? [d.stepUnitId] : [])]);
  return actor.roles.some((g) => g.role === 'leader' && units.has(g.unitId));
}

export interface ItemAnswer {
  itemId: string;
  note?: string | null;
  hasFile: boolean;
}

/**
 * The applicant's answer covers every item, each with a note or a file, and names only items of
 * the request. Returns the unanswered items' labels (empty = complete) or the unknown item id.
 */
export function checkAnswers(
  items: readonly { id: string; label: string }[],
  answers: readonly ItemAnswer[],
): { ok: true } | { ok: false; key: MessageKey; params: Record<string, unknown> } {
  const ids = new Set(items.map((i) => i.id));
  const unknown = answers.find((a) => !ids.has(a.itemId));
  if (unknown) return { ok: false, key: 'dossier.supplement_item_unknown', params: { item: unknown.itemId } };
  const done = new Set(answers.filter((a) => a.hasFile || !!a.note?.trim()).map((a) => a.itemId));
  const open = items.filter((i) => !done.has(i.id));
  if (open.length) return { ok: false, key: 'dossier.supplement_answer_incomplete', params: { items: open.map((i) => i.label).join('; ') } };
  return { ok: true };
}
