import type { Messages } from '../../platform/i18n';

export const messages: Messages = { vi: {}, en: {} };
