/** The shell every page shares, as a manifest (platform/module.ts): its texts (the home page itself is the catalogue's, catalogue/home.tsx). */
import type { ModuleManifest } from '../platform/module';
import { messages } from './messages';

export const webShell: ModuleManifest = { name: 'web', messages };
