import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fold } from '../../platform/text';
import { DEMO } from '../units/demo';
import { resolveAgencies, type AgencyTree } from './agencies';
import { componentsFromText, componentsToText, feesFromText, feesToText, formsFromText, formsToText } from './codec-lines';
import { fromNational, nationalPath, toNational } from './codec-national';
import { isComplete, missingParts } from './completeness';
import { checkRecords } from './import-check';
import { parseQuery, relevanceTier, strongMatch } from './search-query';
import { FIXTURE_PROCEDURES } from './test-fixtures';

const [birth, death, lltp] = FIXTURE_PROCEDURES;
const { code: _c, ...birthContent } = birth;

describe('1.3 component parts a-g', () => {
  it('finds a complete procedure complete', () => {
    expect(missingParts(birthContent)).toEqual([]);
    expect(isComplete(birthContent)).toBe(true);
  });
  it('names each missing part', () => {
    expect(missingParts({ ...birthContent, name: ' ' })).toEqual(['a']);
    expect(missingParts({ ...birthContent, steps: [] })).toEqual(['b']);
    expect(missingParts({ ...birthContent, channels: [] })).toEqual(['c']);
    expect(missingParts({ ...birthContent, components: [] })).toEqual(['d']);
    expect(missingParts({ ...birthContent, processingTime: { value: 0, unit: 'working_days' } })).toEqual(['dd']);
    expect(missingParts({ ...birthContent, applicants: [] })).toEqual(['e']);
    expect(missingParts({ ...birthContent, decidingAgency: '' })).toEqual(['g']);
  });
  it('does not require the conditional parts (h): forms, fees', () => {
    expect(missingParts({ ...birthContent, forms: [], fees: [], requirements: '' })).toEqual([]);
  });
});

describe('search query', () => {
  it('folds case and diacritics', () => {
    expect(parseQuery('Đăng Ký  KHAI sinh')).toEqual({ phrase: 'dang ky khai sinh', tokens: ['dang', 'ky', 'khai', 'sinh'] });
    expect(parseQuery('  ')).toBeNull();
    expect(parseQuery(undefined)).toBeNull();
  });
  it('ranks the exact name first, then the phrase, then all words', () => {
    const q = parseQuery('khai sinh')!;
    expect(relevanceTier('khai sinh', q)).toBe(0);
    expect(relevanceTier('dang ky khai sinh', q)).toBe(1);
    expect(relevanceTier('dang ky lai sinh khai', q)).toBe(2);
    expect(relevanceTier('cap ban sao trich luc', q)).toBe(3);
    expect(relevanceTier('dang ky khai sinh', parseQuery('đăng ký khai sinh')!)).toBe(0);
    expect(strongMatch('dang ky khai sinh', q)).toBe(true);
    expect(strongMatch('lien thong thu tuc hanh chinh ve dang ky khai sinh dang ky thuong tru cap the bao hiem y te cho tre em duoi 6 tuoi', q)).toBe(false);
  });
  it('any name is found by its own folded name, at tier 0', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (s) => {
        const q = parseQuery(s);
        if (q) expect(relevanceTier(fold(s), q)).toBe(0);
      }),
    );
  });
});

/** A tree of the demo's committees before 1/7/2025 (two districts, six communes), as agencyTree builds it from the units. */
const DEMO_AGENCY_TREE: AgencyTree = {
  communes: [
    { ubndId: DEMO.ubndPhuong1, districtUbndId: DEMO.ubndViThanh },
    { ubndId: DEMO.ubndPhuong3, districtUbndId: DEMO.ubndViThanh },
    { ubndId: DEMO.ubndHoaLuu, districtUbndId: DEMO.ubndViThanh },
    { ubndId: DEMO.ubndMotNgan, districtUbndId: DEMO.ubndChauThanhA },
    { ubndId: DEMO.ubndTanHoa, districtUbndId: DEMO.ubndChauThanhA },
    { ubndId: DEMO.ubndNhonNghiaA, districtUbndId: DEMO.ubndChauThanhA },
  ],
  districts: [DEMO.ubndViThanh, DEMO.ubndChauThanhA],
};

describe('agencies on a tree', () => {
  it('maps commune to every commune committee, deciding itself', () => {
    const pairs = resolveAgencies(DEMO_AGENCY_TREE, 'commune', 'commune');
    expect(pairs).toHaveLength(6);
    expect(pairs).toContainEqual({ receivingUnitId: DEMO.ubndTanHoa, decidingUnitId: DEMO.ubndTanHoa });
  });
  it('maps commune reception to the district deciding', () => {
    expect(resolveAgencies(DEMO_AGENCY_TREE, 'commune', 'district')).toContainEqual({ receivingUnitId: DEMO.ubndHoaLuu, decidingUnitId: DEMO.ubndViThanh });
  });
  it('takes any other kind as a unit id', () => {
    expect(resolveAgencies(DEMO_AGENCY_TREE, DEMO.ttPvhcc, DEMO.soTuPhap)).toEqual([{ receivingUnitId: DEMO.ttPvhcc, decidingUnitId: DEMO.soTuPhap }]);
    expect(resolveAgencies(DEMO_AGENCY_TREE, 'commune', DEMO.soTuPhap)).toHaveLength(6);
    expect(resolveAgencies(DEMO_AGENCY_TREE, DEMO.ttPvhcc, 'commune')).toHaveLength(6);
    expect(resolveAgencies(DEMO_AGENCY_TREE, DEMO.ttPvhcc, 'district')).toEqual([
      { receivingUnitId: DEMO.ttPvhcc, decidingUnitId: DEMO.ubndViThanh },
      { receivingUnitId: DEMO.ttPvhcc, decidingUnitId: DEMO.ubndChauThanhA },
    ]);
  });
  it('resolves no pair for a level the tree does not have (no districts from 1/7/2025)', () => {
    expect(resolveAgencies({ ...DEMO_AGENCY_TREE, districts: [] }, 'district', 'district')).toEqual([]);
  });
});

describe('codecs', () => {
  it('round-trips the list parts through text', () => {
    for (const r of FIXTURE_PROCEDURES) {
      expect(componentsFromText(componentsToText(r.components))).toEqual(r.components);
      expect(feesFromText(feesToText(r.fees))).toEqual(r.fees);
      expect(formsFromText(formsToText(r.forms))).toEqual(r.forms);
    }
  });
  it('round-trips a record through the national shape', () => {
    for (const r of FIXTURE_PROCEDURES) expect(fromNational(toNational(r))).toEqual(r);
  });
  it('names record paths in national keys', () => {
    expect(nationalPath('components.1.name')).toBe('ThanhPhanHoSo[1].TenGiayTo');
    expect(nationalPath('field.code')).toBe('LinhVuc.MaLinhVuc');
    expect(nationalPath('code')).toBe('MaTTHC');
    expect(nationalPath('processingTime.unit')).toBe('ThoiHanGiaiQuyet.DonViTinh');
  });
});

describe('import checks', () => {
  it('accepts the fixtures', () => {
    expect(checkRecords(FIXTURE_PROCEDURES, 'vi').ok).toBe(true);
  });
  it('reports every error with its row and field, in the reader language', () => {
    const r = checkRecords(
      [birth, { ...death, code: 'X1', steps: [] }, { ...lltp, code: birth.code }, { ...death, code: '1.000777', onlineLevel: 'full', channels: ['in_person'] }],
      'vi',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const at = (row: number) => r.errors.filter((e) => e.row === row).map((e) => e.field);
    expect(at(1)).toEqual([]);
    expect(at(2)).toEqual(['code', 'steps']);
    expect(at(3)).toEqual(['code']);
    expect(r.errors.find((e) => e.row === 3)!.message).toContain('dòng 1');
    expect(at(4)).toEqual(['channels']);
  });
  it('refuses an empty file and a broken JSON Schema', () => {
    expect(checkRecords([], 'en')).toMatchObject({ ok: false });
    const r = checkRecords(
      [{ ...birth, eForm: { schema: { type: 'object', properties: { a: { type: 'nope' } } }, uiSchema: { type: 'VerticalLayout' } } }],
      'en',
    );
    expect(r.ok ? [] : r.errors.map((e) => e.field)).toEqual(['eForm.schema']);
  });
});
