import { describe, expect, it } from 'vitest';
import { formSections, mergeSection, sectionForm, sectionOfField } from './eform-steps';
import type { EFormDefinition } from './snapshot';

const group = (label: string, ...elements: object[]) => ({ type: 'Group', label, elements });
const control = (key: string, rule?: object) => ({ type: 'Control', scope: `#/properties/${key}`, ...(rule ? { rule } : {}) });
const showIf = (key: string, value: unknown) => ({ effect: 'SHOW', condition: { scope: `#/properties/${key}`, schema: { const: value } } });
const DEF: EFormDefinition = {
  schema: {
    type: 'object',
    properties: { late: { type: 'boolean' }, reason: { type: 'string' }, name: { type: 'string' }, note: { type: 'string' }, copies: { type: 'integer' } },
  },
  uiSchema: {
    type: 'VerticalLayout',
    elements: [
      group('A', control('late'), control('name')),
      group('B', control('reason', showIf('late', true)), control('note', showIf('name', 'x')), control('copies')),
    ],
  },
} as never;

describe('e-form steps (issue 13.7)', () => {
  it('one section per top-level group, numbered from 1, with its fields in order', () => {
    const s = formSections(DEF);
    expect(s.map((x) => [x.number, x.label, x.fields])).toEqual([
      [1, 'A', ['late', 'name']],
      [2, 'B', ['reason', 'note', 'copies']],
    ]);
  });

  it('a form of one group, or whose top level is not all groups, stays one page', () => {
    expect(formSections({ ...DEF, uiSchema: { type: 'VerticalLayout', elements: [group('A', control('late'))] } } as never)).toEqual([]);
    expect(formSections({ ...DEF, uiSchema: { type: 'VerticalLayout', elements: [group('A', control('late')), control('name')] } } as never)).toEqual([]);
    expect(formSections({ ...DEF, uiSchema: { type: 'Group', elements: [group('A'), group('B')] } } as never)).toEqual([]);
  });

  it('a rule pointing at another section is settled with the answers: hidden fields left out, shown ones without the rule', () => {
    const b = formSections(DEF)[1]!;
    const els = (d: EFormDefinition) =>
      ((d.uiSchema as any).elements[0].elements as { scope: string; rule?: unknown }[]).map((e) => [e.scope.split('/').pop(), 'rule' in e]);
    expect(els(sectionForm(DEF, b, {}))).toEqual([['copies', false]]);
    expect(els(sectionForm(DEF, b, { late: true }))).toEqual([
      ['reason', false],
      ['copies', false],
    ]);
    expect(els(sectionForm(DEF, b, { late: true, name: 'x' }))).toEqual([
      ['reason', false],
      ['note', false],
      ['copies', false],
    ]);
    // a rule within the section is kept for the page's script
    const a = {
      ...DEF,
      uiSchema: { type: 'VerticalLayout', elements: [group('A', control('late'), control('reason', showIf('late', true))), group('B', control('name'))] },
    } as never;
    expect(els(sectionForm(a, formSections(a)[0]!, {}))).toEqual([
      ['late', false],
      ['reason', true],
    ]);
  });

  it('merging a section replaces only its fields; an absent (unticked, emptied) field is removed', () => {
    const [a, b] = formSections(DEF);
    expect(mergeSection({ late: true, name: 'An', copies: 1 }, { name: 'Bình' }, a!)).toEqual({ name: 'Bình', copies: 1 });
    expect(mergeSection({ late: true, copies: 1 }, { copies: 3, late: false }, b!)).toEqual({ late: true, copies: 3 });
  });

  it('finds the section of a field (nested names too), null outside every section', () => {
    const s = formSections(DEF);
    expect(sectionOfField(s, 'copies')).toBe(2);
    expect(sectionOfField(s, 'name')).toBe(1);
    expect(sectionOfField(s, 'name.first')).toBe(1);
    expect(sectionOfField(s, '(form)')).toBeNull();
  });
});
