import type { Messages } from './keys';
import { messages as platform } from './messages';
import { messages as calendar } from '../calendar/messages';

/**
 * The joined catalogue t() reads: the platform's own texts here, every module's (and the web
 * shell's) added by the composition root from the module manifests (platform/module.ts), so
 * the platform imports no module.
 */
export const catalog: Messages = { vi: {}, en: {} };

/** Adds a catalogue ({ vi, en }); adding the same one twice changes nothing. */
export function addMessages(m: Messages): void {
  Object.assign(catalog.vi, m.vi);
  Object.assign(catalog.en, m.en);
}

addMessages(platform);
addMessages(calendar);
