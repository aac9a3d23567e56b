/**
 * Setup of the unit tests (vitest.config.ts): pure functions print texts with t() without an app
 * being built, so every messages.ts is added here, as app.ts adds them from the module manifests
 * (platform/module.ts). Only the catalogues are loaded, not the modules.
 */
import { addMessages, type Messages } from '../platform/i18n';

const files = import.meta.glob<Messages>('../**/messages.ts', { eager: true, import: 'messages' });
for (const m of Object.values(files)) addMessages(m);
