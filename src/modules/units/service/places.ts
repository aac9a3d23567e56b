/**
 * The units service's addresses (service.ts): the places an address names, old names accepted.
 */
import type { Ctx } from '../../../platform/context';
import { ancestorIdsIn, provinceIn, indexAt, normaliseAddress, normaliseIssuer, resolveSuccessor, type NormalisedAddress, type Place } from '../model';
import * as store from '../store';
import { snapshot, today } from './common';

/**
 * Every name a commune has had, with its district and province then, and the commune of today
 * that holds its business (for normaliseAddress / placeOfCode). One read; a few hundred rows.
 */
export async function addressPlaces(ctx: Ctx): Promise<Place[]> {
  const [{ units, versions }, events] = await Promise.all([snapshot(ctx.db), store.loadEvents(ctx.db)]);
  const now = indexAt(units, versions, today(ctx));
  const dates = [...new Set(versions.flatMap((v) => (v.validTo ? [v.validFrom, v.validTo] : [v.validFrom])))].sort();
  const out = new Map<string, Place>();
  for (let i = 0; i < dates.length; i++) {
    const d = dates[i];
    const next = dates[i + 1] ?? null;
    const idx = indexAt(units, versions, d);
    for (const v of idx.values()) {
      if (v.kind !== 'commune') continue;
      const holder = resolveSuccessor(events, v.id, (x) => now.has(x));
      const h = holder ? now.get(holder) : undefined;
      if (!h) continue;
      const up = ancestorIdsIn(idx, v.id).map((a) => idx.get(a)!);
      const district = up.find((a) => a.kind === 'district')?.name ?? null;
      const province = up.find((a) => a.kind === 'province')?.name ?? null;
      const key = [v.name, v.code, district, province].join('|');
      const prev = out.get(key);
      if (prev && prev.to === d) {
        prev.to = next;
        continue;
      }
      if (prev) continue;
      out.set(key, {
        commune: v.name,
        code: v.code,
        district,
        province,
        from: d,
        to: next,
        now: {
          unitId: h.id,
          commune: h.name,
          code: h.code,
          province: provinceIn(now, h.id)?.name ?? null,
          district:
            ancestorIdsIn(now, h.id)
              .map((a) => now.get(a)!)
              .find((a) => a.kind === 'district')?.name ?? null,
        },
      });
    }
  }
  return [...out.values()];
}

/** An address as typed (old names accepted), with today's names alongside: never refused. */
export async function normaliseAddressNow(ctx: Ctx, address: string): Promise<NormalisedAddress> {
  return normaliseAddress(address, await addressPlaces(ctx));
}

/**
 * Issuing bodies of stored documents with old unit names ("UBND Phường I, thành phố Vị Thanh"),
 * with today's beside them; one read of the units for a whole list.
 */
export async function issuerNormaliser(ctx: Ctx): Promise<(issuer: string) => NormalisedAddress> {
  const places = await addressPlaces(ctx);
  return (issuer) => normaliseIssuer(issuer, places);
}
