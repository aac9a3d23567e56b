/**
 * Resolves a record's agency kinds ('commune', 'district', or a DEMO unit key such as
 * 'soTuPhap' / 'ttPvhcc', or a literal unit id) into (receiving unit, deciding unit) pairs on
 * the demo tree. Pure: the tree is passed in.
 */
import { DEMO } from '../units/demo';

export interface AgencyTree {
  /** People's committees of the active communes, each with its district's committee (if any). */
  communes: { ubndId: string; districtUbndId: string | null }[];
  districts: string[];
  /** DEMO key -> unit id. */
  keys: Record<string, string>;
}

export const DEMO_AGENCY_TREE: AgencyTree = {
  communes: [
    { ubndId: DEMO.ubndPhuong1, districtUbndId: DEMO.ubndViThanh },
    { ubndId: DEMO.ubndPhuong3, districtUbndId: DEMO.ubndViThanh },
    { ubndId: DEMO.ubndHoaLuu, districtUbndId: DEMO.ubndViThanh },
    { ubndId: DEMO.ubndMotNgan, districtUbndId: DEMO.ubndChauThanhA },
    { ubndId: DEMO.ubndTanHoa, districtUbndId: DEMO.ubndChauThanhA },
    { ubndId: DEMO.ubndNhonNghiaA, districtUbndId: DEMO.ubndChauThanhA },
  ],
  districts: [DEMO.ubndViThanh, DEMO.ubndChauThanhA],
  keys: { ...DEMO },
};

export interface AgencyPair {
  receivingUnitId: string;
  decidingUnitId: string;
}

function fixed(tree: AgencyTree, kind: string): string {
  return tree.keys[kind] ?? kind;
}

export function resolveAgencies(tree: AgencyTree, receiving: string, deciding: string): AgencyPair[] {
  const out: AgencyPair[] = [];
  const add = (r: string | null, d: string | null) => {
    if (r && d && !out.some((p) => p.receivingUnitId === r && p.decidingUnitId === d)) out.push({ receivingUnitId: r, decidingUnitId: d });
  };
  if (receiving === 'commune') {
    for (const c of tree.communes) {
      if (deciding === 'commune') add(c.ubndId, c.ubndId);
      else if (deciding === 'district') add(c.ubndId, c.districtUbndId);
      else add(c.ubndId, fixed(tree, deciding));
    }
  } else if (receiving === 'district') {
    for (const d of tree.districts) {
      if (deciding === 'district') add(d, d);
      else if (deciding === 'commune') for (const c of tree.communes.filter((x) => x.districtUbndId === d)) add(d, c.ubndId);
      else add(d, fixed(tree, deciding));
    }
  } else {
    const r = fixed(tree, receiving);
    if (deciding === 'commune') for (const c of tree.communes) add(r, c.ubndId);
    else if (deciding === 'district') for (const d of tree.districts) add(r, d);
    else add(r, fixed(tree, deciding));
  }
  return out;
}
