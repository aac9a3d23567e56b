/**
 * Pure rules of the notifications: which dossier events the applicant is told of, the
 * channels a person gets, template rendering. No I/O.
 */
export const CHANNELS = ['email', 'sms', 'zalo', 'inbox'] as const;
export type Channel = (typeof CHANNELS)[number];
export type Lang = 'vi' | 'en';

export const KINDS = [
  'submitted',
  'received',
  'supplement_needed',
  'fee_requested',
  'paid',
  'result_ready',
  'late_new_date',
  'refused',
  'feedback_answered',
  'signing_stopped',
  'points_at_risk',
  'offline_synced',
  'dossier_transferred',
] as const;
export type Kind = (typeof KINDS)[number];

/** The 'dossier.event' payload fields this module reads. */
export interface DossierEventPayload {
  dossierId: string;
  action: string;
  from: string | null;
  to: string;
  channel?: string;
  comment?: string | null;
  newAppointmentAt?: string;
  missing?: string[];
  /** Set on the confirm_fee the system performs for an online payment (dossiers' fee-paid.ts). */
  paymentId?: string;
  /** Set on the reception of a dossier received offline (dossiers' offline intake): its SMS is 'offline_synced', sent by that sync. */
  offlineReceipt?: string;
}

/** What the applicant should hear about; null: nothing to tell. */
export function kindOfEvent(e: DossierEventPayload): Kind | null {
  switch (e.action) {
    case 'submit':
      return e.channel === 'online' ? 'submitted' : null;
    case 'receive':
      // Received offline: the sync tells it once, with the provisional and the real number (notify.message 'offline_synced').
      return e.offlineReceipt ? null : 'received';
    case 'request_supplement':
      return 'supplement_needed';
    case 'request_fee':
      return 'fee_requested';
    case 'confirm_fee':
      // An online payment is told by the payments module (notify.payment_paid, with the amount and
      // the receipt); the confirm_fee the system performs for it (the payment id in its data) would
      // tell it again. An officer's confirmation at the desk (no payment id) is told here.
      return e.paymentId ? null : 'paid';
    case 'apologize':
      return 'late_new_date';
    case 'refuse':
      return 'refused';
  }
  if (e.to === 'result_ready' && e.from !== 'result_ready') return 'result_ready';
  return null;
}

export interface Recipient {
  personId: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  lang: Lang;
  wants: Record<Channel, boolean>;
}

/** Channels the message goes out on: what the person chose, and only where an address exists. */
export function channelsFor(r: Recipient): Channel[] {
  return CHANNELS.filter((c) => {
    if (!r.wants[c]) return false;
    if (c === 'email') return !!r.email;
    if (c === 'sms' || c === 'zalo') return !!r.phone;
    return !!r.personId;
  });
}

/** Replaces {name} placeholders; unknown placeholders are left empty (never the raw braces). */
export function render(text: string, params: Record<string, string | number | null | undefined>): string {
  return text.replace(/\{(\w+)\}/g, (_m, k: string) => (params[k] === undefined || params[k] === null ? '' : String(params[k])));
}

/** SMS brandname contracts usually ask for unaccented text (one 160-char segment per 160 letters). */
export function smsText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Zalo ZNS wants the phone as 84xxxxxxxxx. */
export function zaloPhone(phone: string): string {
  const p = phone.replace(/\D/g, '');
  return p.startsWith('0') ? `84${p.slice(1)}` : p;
}

/** "dd/mm/yyyy HH:mm" in Vietnam time (UTC+7, no daylight saving). */
export function vnDateTime(iso: string | Date | null | undefined): string {
  if (!iso) return '';
  const d = new Date(new Date(iso).getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}
