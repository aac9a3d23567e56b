/** Tables of the identity module, as Kysely sees them. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface PeopleTable {
  id: string;
  personal_id: string;
  name: string;
  birth_date: string | null;
  gender: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  org_tax_code: string | null;
  org_name: string | null;
  notify_email: Generated<boolean>;
  notify_sms: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_login_at: Date | null;
}

export interface OfficersTable {
  id: string;
  username: string;
  name: string;
  email: string | null;
  phone: string | null;
  password_hash: string;
  disabled: Generated<boolean>;
  failed_attempts: Generated<number>;
  locked_until: Date | null;
  password_changed_at: Date | null;
  last_login_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OfficerRolesTable {
  officer_id: string;
  role: string;
  unit_id: string;
}

export interface SessionsTable {
  id_hash: string;
  kind: 'citizen' | 'officer';
  subject_id: string;
  csrf_token: string;
  org_tax_code: string | null;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export interface OidcPendingTable {
  state_hash: string;
  code_verifier: string;
  nonce: string;
  return_to: string;
  created_at: Date;
  expires_at: Date;
}

export interface IdentityTables {
  people: PeopleTable;
  officers: OfficersTable;
  officer_roles: OfficerRolesTable;
  sessions: SessionsTable;
  oidc_pending: OidcPendingTable;
}
