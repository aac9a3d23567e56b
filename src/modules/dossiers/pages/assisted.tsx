/**
 * Assisted submission (issue 17 item 3) on the screens: the "hỗ trợ nộp" label, who helped and
 * when the citizen consented (from the submission event), on the officer's and the citizen's pages.
 */
import { oneOf, t, type Lang } from '../../../platform/i18n';
import { HELPER_ROLES } from '../model';
import type { DossierEvent } from '../service';
import { fmtDateTime } from './common';

export interface AssistedInfo {
  helperName: string;
  helperRole: string;
  consentedAt: string;
}

export function assistedOf(events: DossierEvent[]): AssistedInfo | null {
  const data = events.find((e) => e.action === 'submit')?.data as { assisted?: AssistedInfo } | null | undefined;
  return data?.assisted ?? null;
}

export function AssistedTag({ lang, channel }: { lang: Lang; channel: string }) {
  return channel === 'assisted' ? <span class="tag assisted">{t(lang, 'pages.assisted.label')}</span> : null;
}

/** One sentence: who submitted for the citizen and when they consented. */
export function AssistedNote({ lang, events, audience }: { lang: Lang; events: DossierEvent[]; audience: 'officer' | 'applicant' }) {
  const a = assistedOf(events);
  if (!a) return null;
  const params = {
    helper: a.helperName,
    role: oneOf(HELPER_ROLES, a.helperRole) ? t(lang, `dossier.assisted.role.${a.helperRole}`) : a.helperRole,
    at: fmtDateTime(lang, a.consentedAt),
  };
  return (
    <p class="notice" id="assisted-note">
      <AssistedTag lang={lang} channel="assisted" /> {t(lang, audience === 'officer' ? 'pages.assisted.by' : 'pages.assisted.mineNote', params)}
    </p>
  );
}
