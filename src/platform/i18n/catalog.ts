import type { Messages } from './index';
import { messages as platform } from './messages';
import { messages as units } from '../../modules/units/messages';
import { messages as catalogue } from '../../modules/catalogue/messages';
import { messages as identity } from '../../modules/identity/messages';
import { messages as dossiers } from '../../modules/dossiers/messages';
import { messages as calendar } from '../calendar/messages';
import { messages as web } from '../../web/messages';

const all: Messages[] = [platform, calendar, units, catalogue, identity, dossiers, web];

export const catalog: Messages = { vi: {}, en: {} };
for (const m of all) {
  Object.assign(catalog.vi, m.vi);
  Object.assign(catalog.en, m.en);
}
