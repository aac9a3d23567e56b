/**
 * Addresses written with the names of before a reorganisation ("Phường IV, thành phố Vị Thanh,
 * tỉnh Hậu Giang", "P.4, TP. Vị Thanh, Hậu Giang") stay valid: they are read against the units'
 * history and shown with the names of today ("(nay là phường Vị Tân, thành phố Cần Thơ)").
 * Never refuses: an address it cannot place is kept as typed. Pure (the places come from the
 * units' versions, see service.addressPlaces). Re-exported by model.ts.
 */

/** A commune as it was named in one period, and the commune of today that holds its business. */
export interface Place {
  /** Commune name in that period, with its kind word: "Phường IV", "Thị trấn Một Ngàn". */
  commune: string;
  /** Its commune code in that period (national list), when known. */
  code: string | null;
  /** The district it sat in then (none in two tiers): "Thành phố Vị Thanh". */
  district: string | null;
  /** The province it sat in then: "Tỉnh Hậu Giang". */
  province: string | null;
  /** The period these names held, [from, to) civil dates; to null = still so. */
  from: string;
  to: string | null;
  /** Today: the successor's name, code and province. */
  now: {
    unitId: string;
    commune: string;
    code: string | null;
    province: string | null;
    /** Its district today (none in two tiers). */ district?: string | null;
  };
}

export interface NormalisedAddress {
  /** As typed (trimmed). */
  input: string;
  /** The same address in today's names; equal to input when nothing changed or nothing was recognised. */
  today: string;
  /** True when the address named units that no longer exist (or old names) and was mapped. */
  changed: boolean;
  /** The commune of today it was placed in, when recognised. */
  unitId: string | null;
  /** What to show: the input, with "(nay là ...)" when changed. */
  display: string;
}

/** Lower case without diacritics, spaces collapsed: for comparing what people type. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const ROMAN: Record<string, string> = { i: '1', ii: '2', iii: '3', iv: '4', v: '5', vi: '6', vii: '7', viii: '8', ix: '9', x: '10', xi: '11', xii: '12' };

type Tier = 'commune' | 'district' | 'province';

// Kind words and their abbreviations, longest first, folded. "thanh pho"/"tp" name a district or a
// province (Cần Thơ is a city at province level): the tier is settled by the known names.
const PREFIXES: [string, Tier[]][] = [
  ['thi tran', ['commune']],
  ['thi xa', ['district']],
  ['thanh pho', ['district', 'province']],
  ['phuong', ['commune']],
  ['huyen', ['district']],
  ['quan', ['district']],
  ['tinh', ['province']],
  ['xa', ['commune']],
  ['tt', ['commune']],
  ['tx', ['district']],
  ['tp', ['district', 'province']],
  ['p', ['commune']],
  ['x', ['commune']],
  ['h', ['district']],
  ['q', ['district']],
  ['t', ['province']],
];
const COMMUNE_KIND: Record<string, string> = { 'thi tran': 'tt', tt: 'tt', phuong: 'p', p: 'p', xa: 'x', x: 'x' };

interface Part {
  tiers: Tier[] | null;
  /** Commune kind ('p' | 'x' | 'tt') when the prefix says. */
  kind: string | null;
  /** The folded name without the kind word; Roman numerals as digits. */
  name: string;
}

function numeral(name: string): string {
  return name
    .split(' ')
    .map((w) => ROMAN[w] ?? w.replace(/^0+(\d)/, '$1'))
    .join(' ');
}

function parsePart(raw: string): Part {
  const f = fold(raw);
  for (const [p, tiers] of PREFIXES) {
    // "p.4", "p. 4", "p 4", "tp.vi thanh", "phuong 4"
    const m = f.match(new RegExp(`^${p.replace(' ', '\\s')}(?:\\.\\s*|\\s+)(.+)$`));
    if (m) return { tiers, kind: COMMUNE_KIND[p] ?? null, name: numeral(m[1].replace(/\./g, ' ').replace(/\s+/g, ' ').trim()) };
  }
  return { tiers: null, kind: null, name: numeral(f) };
}

function nameOf(full: string | null): { kind: string | null; name: string } | null {
  if (!full) return null;
  const p = parsePart(full);
  return { kind: p.kind, name: p.name };
}

function matchesCommune(part: Part, place: Place): boolean {
  if (part.tiers && !part.tiers.includes('commune')) return false;
  const c = nameOf(place.commune)!;
  return part.name === c.name && (!part.kind || !c.kind || part.kind === c.kind);
}

function matchesTier(part: Part, full: string | null, tier: Tier): boolean {
  const n = nameOf(full);
  if (!n) return false;
  if (part.tiers && !part.tiers.includes(tier)) return false;
  return part.name === n.name;
}

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

/**
 * Reads `address` against `places`. The commune is looked for from the end (house number and
 * street come first); what follows it must be its district and/or province of that period (or
 * nothing, when the commune name alone is unambiguous). The best match is the one naming most
 * of them; the current names of a place win a tie, so an address of today is left unchanged.
 */
export function normaliseAddress(address: string, places: readonly Place[]): NormalisedAddress {
  const input = address.trim().replace(/\s+/g, ' ');
  const raw = input.split(/\s*[,;]\s*|\s+-\s+/).filter((s) => s.length > 0);
  const parts = raw.map(parsePart);
  let best: { place: Place; at: number; score: number; current: boolean } | null = null;
  for (let i = parts.length - 1; i >= 0; i--) {
    for (const place of places) {
      if (!matchesCommune(parts[i], place)) continue;
      const tail = parts.slice(i + 1);
      let district = false;
      let province = false;
      let ok = true;
      for (const t of tail) {
        if (!district && !province && matchesTier(t, place.district, 'district')) district = true;
        else if (!province && matchesTier(t, place.province, 'province')) province = true;
        else ok = false;
      }
      if (!ok) continue;
      // The names in force today (a district too, on a date before the two-tier reform): nothing to map.
      const current = place.commune === place.now.commune && place.province === place.now.province && place.district === (place.now.district ?? null);
      const score = (district ? 2 : 0) + (province ? 2 : 0) + (parts[i].kind ? 1 : 0) + (current ? 0.5 : 0);
      if (!best || score > best.score) best = { place, at: i, score, current };
    }
    if (best) break;
  }
  if (!best) return { input, today: input, changed: false, unitId: null, display: input };
  // Without district or province the commune name must be unambiguous among the places.
  if (best.score < 2) {
    const same = places.filter((p) => matchesCommune(parts[best!.at], p) && p.now.unitId !== best!.place.now.unitId);
    if (same.length > 0) return { input, today: input, changed: false, unitId: null, display: input };
  }
  const { place } = best;
  const names = [place.now.commune, place.now.district, place.now.province].filter((x): x is string => !!x).map(lowerFirst);
  const today = [...raw.slice(0, best.at), ...names].join(', ');
  const changed = !best.current;
  if (!changed) return { input, today: input, changed: false, unitId: place.now.unitId, display: input };
  return { input, today, changed: true, unitId: place.now.unitId, display: `${input} (nay là ${names.join(', ')})` };
}

/**
 * A commune code of the national list to today's commune. Codes were reused by the 2025 list
 * (31321 was Phường III, is Phường Vị Thanh), so give the date of the document when known;
 * without it the code is read as today's.
 */
export function placeOfCode(code: string, places: readonly Place[], date?: string): Place['now'] | null {
  const c = code.trim();
  const on = (d: string) => places.find((p) => p.code === c && p.from <= d && (p.to === null || d < p.to));
  const hit = date ? on(date) : (places.find((p) => p.code === c && p.to === null) ?? places.find((p) => p.code === c));
  return hit?.now ?? null;
}

// "UBND Phường I, thành phố Vị Thanh": the body's words before the commune it sits in.
const BODY = /^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Công an)\s+/i;

/**
 * An issuing body named with old unit names ("UBND Phường I, thành phố Vị Thanh") read like an
 * address after its body words: `today` = "UBND phường Vị Thanh, thành phố Cần Thơ", display
 * "… (nay là UBND phường Vị Thanh, thành phố Cần Thơ)". A body not seated in a known commune
 * (a ministry, a department of a province) is kept as written, unchanged.
 */
export function normaliseIssuer(issuer: string, places: readonly Place[]): NormalisedAddress {
  const input = issuer.trim().replace(/\s+/g, ' ');
  const m = BODY.exec(input);
  if (!m) return { input, today: input, changed: false, unitId: null, display: input };
  const n = normaliseAddress(input.slice(m[0].length), places);
  if (!n.changed) return { input, today: input, changed: false, unitId: n.unitId, display: input };
  const today = `${m[1]} ${n.today}`;
  return { input, today, changed: true, unitId: n.unitId, display: `${input} (nay là ${today})` };
}
