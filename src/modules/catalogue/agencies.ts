/**
 * Resolves a record's agency kinds ('commune', 'district', or a unit's id such as 'hg-sotp')
 * into (receiving unit, deciding unit) pairs on the tree of a date. Pure: the tree is passed in;
 * catalogue/service.ts (`agencyTree`) builds it from the units module's committees of that date.
 */

export interface AgencyTree {
  /** People's committees of the active communes, each with its district's committee (if any). */
  communes: { ubndId: string; districtUbndId: string | null }[];
  /** People's committees of the active districts (none from 1/7/2025). */
  districts: string[];
}

export interface AgencyPair {
  receivingUnitId: string;
  decidingUnitId: string;
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
      else add(c.ubndId, deciding);
    }
  } else if (receiving === 'district') {
    for (const d of tree.districts) {
      if (deciding === 'district') add(d, d);
      else if (deciding === 'commune') for (const c of tree.communes.filter((x) => x.districtUbndId === d)) add(d, c.ubndId);
      else add(d, deciding);
    }
  } else {
    if (deciding === 'commune') for (const c of tree.communes) add(receiving, c.ubndId);
    else if (deciding === 'district') for (const d of tree.districts) add(receiving, d);
    else add(receiving, deciding);
  }
  return out;
}
