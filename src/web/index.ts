/** The shell every page shares, as a manifest (platform/module.ts): its texts and the home page. */
import type { ModuleManifest } from '../platform/module';
import { homePages } from './home';
import { messages } from './messages';

export const webShell: ModuleManifest = { name: 'web', messages, pages: homePages };
