import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { DEMO } from '../../units/demo';
import { toHours } from './builders';
import { DEMO_PROCEDURES, ESSENTIAL_SERVICES } from './index';

const byCode = new Map(DEMO_PROCEDURES.map((p) => [p.code, p]));

function controls(node: unknown, out: { scope: string; rule?: any }[] = []): { scope: string; rule?: any }[] {
  if (node && typeof node === 'object') {
    const n = node as Record<string, unknown>;
    if (n.type === 'Control') out.push({ scope: String(n.scope), rule: n.rule });
    if (Array.isArray(n.elements)) for (const e of n.elements) controls(e, out);
  }
  return out;
}

describe('demo procedure catalogue', () => {
  it('has at least 40 procedures with unique national codes', () => {
    expect(DEMO_PROCEDURES.length).toBeGreaterThanOrEqual(40);
    const codes = DEMO_PROCEDURES.map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^\d\.\d{6}$/);
  });

  it('covers every essential service (Đề án 06) a province or commune carries out', () => {
    const inScope = ESSENTIAL_SERVICES.filter((s) => s.codes);
    expect(ESSENTIAL_SERVICES).toHaveLength(25);
    expect(inScope.length).toBeGreaterThanOrEqual(21);
    for (const s of inScope) {
      for (const code of s.codes!) {
        const p = byCode.get(code);
        expect(p, `${s.service}: ${code}`).toBeDefined();
        expect(p!.essential, `${code} essential`).toBe(true);
      }
    }
    // the named ones, for readability of failures
    for (const name of [
      'Đăng ký khai sinh',
      'Đăng ký khai tử',
      'Đăng ký kết hôn',
      'Đăng ký thường trú',
      'Đăng ký tạm trú',
      'Khai báo tạm vắng',
      'Thông báo lưu trú',
    ]) {
      expect(
        DEMO_PROCEDURES.some((p) => p.essential && p.name === name),
        name,
      ).toBe(true);
    }
    const essentialCodes = new Set(inScope.flatMap((s) => s.codes!));
    for (const p of DEMO_PROCEDURES) if (p.essential) expect(essentialCodes.has(p.code), `${p.code} flagged essential but not listed`).toBe(true);
    // the essential ones are mostly full-process online
    const essentials = DEMO_PROCEDURES.filter((p) => p.essential);
    expect(essentials.filter((p) => p.onlineLevel === 'full').length / essentials.length).toBeGreaterThan(0.7);
  });

  it('every e-form schema compiles with AJV and every uiSchema scope points to a property', () => {
    const ajv = new Ajv2020({ allErrors: true }); // default strict mode: unknown keywords are errors;
    addFormats(ajv);
    // the conventions of eform-schema.ts: prefill source, English texts, a field's own error text
    for (const k of ['x-prefill', 'x-title-en', 'x-description-en', 'x-errorMessage', 'x-errorMessage-en']) ajv.addKeyword(k);
    for (const p of DEMO_PROCEDURES) {
      const schema = p.eForm.schema as any;
      expect(schema.type, p.code).toBe('object');
      expect(() => ajv.compile(schema), p.code).not.toThrow();
      const props = Object.keys(schema.properties);
      for (const r of schema.required ?? []) expect(props, `${p.code} required ${r}`).toContain(r);
      for (const [k, s] of Object.entries<any>(schema.properties)) {
        expect(typeof s.title, `${p.code}.${k} title`).toBe('string');
        if (s.oneOf) for (const o of s.oneOf) expect(typeof o.title, `${p.code}.${k} option title`).toBe('string');
      }
      const cs = controls(p.eForm.uiSchema);
      expect(cs.length, p.code).toBe(props.length);
      for (const c of cs) {
        expect(c.scope, p.code).toMatch(/^#\/properties\/[A-Za-z0-9_]+$/);
        expect(props, `${p.code} ${c.scope}`).toContain(c.scope.slice('#/properties/'.length));
        if (c.rule) {
          expect(c.rule.effect).toBe('SHOW');
          expect(props, `${p.code} rule ${c.rule.condition.scope}`).toContain(String(c.rule.condition.scope).slice('#/properties/'.length));
        }
      }
      // prefill from the applicant's identity
      expect(
        Object.values<any>(schema.properties).some((s) => typeof s['x-prefill'] === 'string'),
        `${p.code} prefill`,
      ).toBe(true);
    }
    const withRules = DEMO_PROCEDURES.filter((p) => controls(p.eForm.uiSchema).some((c) => c.rule));
    expect(withRules.length).toBeGreaterThanOrEqual(DEMO_PROCEDURES.length * 0.6);
  });

  it('the birth registration form accepts a realistic application and rejects a bad one', () => {
    const ajv = new Ajv2020({ allErrors: true });
    addFormats(ajv);
    // the conventions of eform-schema.ts: prefill source, English texts, a field's own error text
    for (const k of ['x-prefill', 'x-title-en', 'x-description-en', 'x-errorMessage', 'x-errorMessage-en']) ajv.addKeyword(k);
    const validate = ajv.compile(byCode.get('1.001193')!.eForm.schema);
    const ok = {
      applicantName: 'Nguyễn Thị Lan',
      applicantPersonalId: '093190001234',
      applicantAddress: 'Ấp 1, xã Hỏa Lựu, tỉnh Hậu Giang',
      applicantPhone: '0912345678',
      applicantRelation: 'me',
      childName: 'Trần Minh Khang',
      childGender: 'nam',
      childBirthDate: '2026-03-02',
      childBirthPlaceType: 'co-so-y-te',
      childBirthFacility: 'Bệnh viện Đa khoa tỉnh Hậu Giang',
      childBirthPlace: 'Phường IV, thành phố Vị Thanh, tỉnh Hậu Giang',
      childHometown: 'Hậu Giang',
      childEthnicity: 'Kinh',
      childNationality: 'Việt Nam',
      resultDelivery: 'dien-tu',
    };
    expect(validate(ok), JSON.stringify(validate.errors)).toBe(true);
    const { childBirthFacility: _omit, ...missingFacility } = ok;
    expect(validate(missingFacility)).toBe(false); // conditional requirement
    expect(validate({ ...ok, applicantPersonalId: '12345' })).toBe(false);
  });

  it('process step durations add up to the processing time; the last step approves', () => {
    for (const p of DEMO_PROCEDURES) {
      const steps = p.process.steps;
      expect(steps.length, p.code).toBeGreaterThanOrEqual(3);
      const sum = steps.reduce((s, st) => s + toHours(st.duration), 0);
      expect(sum, p.code).toBe(toHours(p.processingTime));
      expect(steps[steps.length - 1].approval, p.code).toBe(true);
      expect(new Set(steps.map((s) => s.key)).size, p.code).toBe(steps.length);
      for (const s of steps) expect(s.duration.value, `${p.code}.${s.key}`).toBeGreaterThan(0);
    }
  });

  it('has inter-agency (liên thông) processes on demo units', () => {
    const unitIds = new Set<string>(Object.values(DEMO));
    const lienThong = DEMO_PROCEDURES.filter((p) => p.process.steps.some((s) => s.unit.kind === 'unit'));
    expect(lienThong.length).toBeGreaterThanOrEqual(2);
    for (const p of lienThong)
      for (const s of p.process.steps) if (s.unit.kind === 'unit') expect(unitIds.has(s.unit.unitId), `${p.code} ${s.unit.unitId}`).toBe(true);
  });

  it('every agency is a level or a DEMO unit id', () => {
    const ids = new Set<string>(Object.values(DEMO));
    for (const p of DEMO_PROCEDURES) {
      for (const a of [p.decidingAgency, p.receivingAgency]) {
        expect(a === 'commune' || a === 'district' || ids.has(a), `${p.code} ${a}`).toBe(true);
      }
      if (p.decidingAgency === 'commune') expect(p.levels, p.code).toContain('commune');
    }
  });

  it('fees are non-negative, online amounts not above the amount; financial obligation matches', () => {
    for (const p of DEMO_PROCEDURES) {
      for (const f of p.fees) {
        expect(f.amount, `${p.code} ${f.key}`).toBeGreaterThanOrEqual(0);
        if (f.onlineAmount !== undefined) {
          expect(f.onlineAmount).toBeGreaterThanOrEqual(0);
          expect(f.onlineAmount).toBeLessThanOrEqual(f.amount);
        }
      }
      expect(p.financialObligation, p.code).toBe(p.fees.some((f) => f.amount > 0));
    }
  });

  it('records are complete (Decree 63/2010 art. 8(2)) and reuse-ready', () => {
    for (const p of DEMO_PROCEDURES) {
      expect(p.steps.length, p.code).toBeGreaterThan(0);
      expect(p.channels.length, p.code).toBeGreaterThan(0);
      expect(p.components.length, p.code).toBeGreaterThan(0);
      expect(p.legalBasis.length, p.code).toBeGreaterThan(0);
      expect(p.result.length, p.code).toBeGreaterThan(0);
      expect(p.requirements.length, p.code).toBeGreaterThan(0);
      expect(new Set(p.components.map((c) => c.key)).size, p.code).toBe(p.components.length);
      for (const c of p.components) expect(c.originals + c.copies, `${p.code} ${c.key}`).toBeGreaterThanOrEqual(1);
      if (p.onlineLevel !== 'none') expect(p.channels, p.code).toContain('online');
      else expect(p.channels, p.code).not.toContain('online');
    }
    // documents from the e-data store can satisfy components of other procedures
    const produced = new Set(DEMO_PROCEDURES.map((p) => p.resultDocumentType).filter(Boolean));
    const reusable = DEMO_PROCEDURES.flatMap((p) => p.components.map((c) => c.documentType)).filter((d) => d && produced.has(d));
    expect(reusable.length).toBeGreaterThanOrEqual(5);
    expect(byCode.get('1.001193')!.resultDocumentType).toBe('giay-khai-sinh');
  });

  it('every e-form section, field, option and hint has its English text (issue 13 item 4), and a pattern says what is right', () => {
    const missing: string[] = [];
    const silentPatterns: string[] = [];
    for (const p of DEMO_PROCEDURES) {
      const walkUi = (n: Record<string, any>) => {
        if (n.type === 'Group' && !n['x-label-en']) missing.push(`${p.code} section "${n.label}"`);
        for (const e of n.elements ?? []) walkUi(e);
      };
      walkUi(p.eForm.uiSchema);
      for (const [key, f] of Object.entries<Record<string, any>>((p.eForm.schema.properties ?? {}) as Record<string, Record<string, any>>)) {
        if (!f['x-title-en']) missing.push(`${p.code} ${key} "${f.title}"`);
        if (f.description && !f['x-description-en']) missing.push(`${p.code} ${key} hint "${f.description}"`);
        for (const o of f.oneOf ?? []) if (!o['x-title-en']) missing.push(`${p.code} ${key} option "${o.title}"`);
        if (f.pattern && !(f['x-errorMessage'] && f['x-errorMessage-en'])) silentPatterns.push(`${p.code} ${key} ${f.pattern}`);
      }
    }
    expect(missing).toEqual([]);
    expect(silentPatterns).toEqual([]);
    // two by hand: the birth registration's child section and its sex choice
    const birth = byCode.get('1.001193')!.eForm;
    const groups = (birth.uiSchema.elements as Record<string, any>[]).map((g) => [g.label, g['x-label-en']]);
    expect(groups[1]).toEqual(['Thông tin người được đăng ký khai sinh', 'Person whose birth is registered']);
    expect((birth.schema.properties as Record<string, any>).childGender.oneOf.map((o: Record<string, string>) => o['x-title-en'])).toEqual(['Male', 'Female']);
  });
});
