import type { Messages } from '../i18n';

export const messages: Messages = { vi: {}, en: {} };
