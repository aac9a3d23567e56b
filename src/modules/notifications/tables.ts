/** Tables of the notifications module, as Kysely sees them (migration 0010). */
import type { ColumnType, Generated } from 'kysely';

type Ts = ColumnType<Date, Date | string, Date | string>;
type TsNull = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface NotificationsTables {
  notification_templates: { key: string; channel: string; lang: string; subject: Generated<string>; body: string; updated_at: Ts; updated_by: string | null };
  notification_prefs: { person_id: string; zalo: Generated<boolean>; inbox: Generated<boolean>; lang: Generated<string>; updated_at: Ts };
  notifications: {
    id: string;
    source_id: string;
    person_id: string | null;
    dossier_id: string | null;
    kind: string;
    lang: string;
    title: string;
    body: string;
    channels: ColumnType<string[], string, string>;
    in_inbox: Generated<boolean>;
    created_at: Ts;
    read_at: TsNull;
  };
  notification_deliveries: {
    outbox_id: string;
    notification_id: string;
    channel: string;
    recipient: string;
    status: 'sending' | 'sent';
    attempts: Generated<number>;
    provider_id: string | null;
    error: string | null;
    started_at: Ts;
    sent_at: TsNull;
  };
}
