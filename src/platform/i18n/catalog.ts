import type { Messages } from './keys';
import { messages as platform } from './messages';
import { messages as calendar } from '../calendar/messages';
import { messages as web } from '../../web/messages';
import { messages as units } from '../../modules/units/messages';
import { messages as catalogue } from '../../modules/catalogue/messages';
import { messages as identity } from '../../modules/identity/messages';
import { messages as dossiers } from '../../modules/dossiers/messages';
import { messages as warehouse } from '../../modules/warehouse/messages';
import { messages as signing } from '../../modules/signing/messages';
import { messages as payments } from '../../modules/payments/messages';
import { messages as notifications } from '../../modules/notifications/messages';
import { messages as nationalPortal } from '../../modules/national-portal/messages';
import { messages as feedback } from '../../modules/feedback/messages';
import { messages as indicators } from '../../modules/indicators/messages';
import { messages as population } from '../../modules/population/messages';
import { messages as rules } from '../../modules/rules/messages';
import { messages as operations } from '../../modules/operations/messages';

const all: Messages[] = [platform, calendar, web, units, catalogue, identity, dossiers, warehouse, signing, payments, notifications, nationalPortal, feedback, indicators, population, rules, operations];

export const catalog: Messages = { vi: {}, en: {} };
for (const m of all) {
  Object.assign(catalog.vi, m.vi);
  Object.assign(catalog.en, m.en);
}
