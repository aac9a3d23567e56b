import type { Ctx } from '../../platform/context';

/** Loads this module's demo data. Runs once, on an empty database. */
export async function seedDemo(_ctx: Ctx): Promise<void> {}
