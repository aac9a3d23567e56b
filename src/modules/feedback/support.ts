/** Support contacts (hotline, address) of units, from the units service, with the province as fallback. */
import type { Ctx } from '../../platform/context';
import { getUnit, unitTree } from '../units/service';

export interface Contact {
  unitId: string;
  name: string;
  hotline: string | null;
  address: string | null;
}

/** Contacts of the given units that have a hotline or address, then the province's; never empty when the tree has a root. */
export async function supportContacts(ctx: Ctx, unitIds: (string | null | undefined)[] = []): Promise<Contact[]> {
  const out: Contact[] = [];
  const seen = new Set<string>();
  for (const id of unitIds) {
    if (!id || seen.has(id)) continue;
    seen.add(id);
    const u = await getUnit(ctx, id);
    if (u && (u.hotline || u.address)) out.push({ unitId: u.id, name: u.name, hotline: u.hotline, address: u.address });
  }
  if (out.length === 0) {
    const [root] = await unitTree(ctx);
    if (root) out.push({ unitId: root.id, name: root.name, hotline: root.hotline, address: root.address });
  }
  return out;
}
