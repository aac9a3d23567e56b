import type { Migration } from 'kysely';
import * as m0001_platform from './0001_platform';
import * as m0002_calendar from './0002_calendar';
import * as m0003_units from './0003_units';
import * as m0004_catalogue from './0004_catalogue';
import * as m0005_identity from './0005_identity';
import * as m0006_dossiers from './0006_dossiers';
import * as m0007_warehouse from './0007_warehouse';
import * as m0008_signing from './0008_signing';
import * as m0009_payments from './0009_payments';
import * as m0010_notifications from './0010_notifications';
import * as m0011_national_portal from './0011_national_portal';
import * as m0012_feedback from './0012_feedback';
import * as m0013_indicators from './0013_indicators';
import * as m0014_population from './0014_population';
import * as m0015_catalogue_form_templates from './0015_catalogue_form_templates';
import * as m0016_audit_sealer from './0016_audit_sealer';
import * as m0017_catalogue_retirement from './0017_catalogue_retirement';
import * as m0018_catalogue_version_agencies from './0018_catalogue_version_agencies';
import * as m0022_signing_results from './0022_signing_results';
import * as m0023_outbox_operations from './0023_outbox_operations';
import * as m0024_security_limits from './0024_security_limits';
import * as m0026_catalogue_boundary_free from './0026_catalogue_boundary_free';
import * as m0027_national_portal_inbound from './0027_national_portal_inbound';
import * as m0028_component_sources from './0028_component_sources';
import * as m0029_overdue_ledger from './0029_overdue_ledger';
import * as m0030_supplement_items from './0030_supplement_items';
import * as m0031_assisted_consents from './0031_assisted_consents';
import * as m0032_dossier_drafts from './0032_dossier_drafts';
import * as m0034_offline_intake from './0034_offline_intake';
import * as m0035_oidc_provider_state from './0035_oidc_provider_state';
import * as m0037_applicant_address_today from './0037_applicant_address_today';
import * as m0039_np_front_door_answers from './0039_np_front_door_answers';
import * as m0041_np_bills from './0041_np_bills';
import * as m0044_indicator_monthly_totals from './0044_indicator_monthly_totals';

/** Every migration, in order. Forward-only: never edit one that has landed; add a new file. */
export const migrations: Record<string, Migration> = {
  '0001_platform': m0001_platform,
  '0002_calendar': m0002_calendar,
  '0003_units': m0003_units,
  '0004_catalogue': m0004_catalogue,
  '0005_identity': m0005_identity,
  '0006_dossiers': m0006_dossiers,
  '0007_warehouse': m0007_warehouse,
  '0008_signing': m0008_signing,
  '0009_payments': m0009_payments,
  '0010_notifications': m0010_notifications,
  '0011_national_portal': m0011_national_portal,
  '0012_feedback': m0012_feedback,
  '0013_indicators': m0013_indicators,
  '0014_population': m0014_population,
  '0015_catalogue_form_templates': m0015_catalogue_form_templates,
  '0016_audit_sealer': m0016_audit_sealer,
  '0017_catalogue_retirement': m0017_catalogue_retirement,
  '0018_catalogue_version_agencies': m0018_catalogue_version_agencies,
  '0022_signing_results': m0022_signing_results,
  '0023_outbox_operations': m0023_outbox_operations,
  '0024_security_limits': m0024_security_limits,
  '0026_catalogue_boundary_free': m0026_catalogue_boundary_free,
  '0027_national_portal_inbound': m0027_national_portal_inbound,
  '0028_component_sources': m0028_component_sources,
  '0029_overdue_ledger': m0029_overdue_ledger,
  '0030_supplement_items': m0030_supplement_items,
  '0031_assisted_consents': m0031_assisted_consents,
  '0032_dossier_drafts': m0032_dossier_drafts,
  '0034_offline_intake': m0034_offline_intake,
  '0035_oidc_provider_state': m0035_oidc_provider_state,
  '0037_applicant_address_today': m0037_applicant_address_today,
  '0039_np_front_door_answers': m0039_np_front_door_answers,
  '0041_np_bills': m0041_np_bills,
  '0044_indicator_monthly_totals': m0044_indicator_monthly_totals,
};
