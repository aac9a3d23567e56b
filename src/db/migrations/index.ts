import type { Migration } from 'kysely';
import * as m0001_platform from './0001_platform';
import * as m0002_calendar from './0002_calendar';
import * as m0003_units from './0003_units';
import * as m0004_catalogue from './0004_catalogue';
import * as m0005_identity from './0005_identity';
import * as m0006_dossiers from './0006_dossiers';

/** Every migration, in order. Forward-only: never edit one that has landed; add a new file. */
export const migrations: Record<string, Migration> = {
  '0001_platform': m0001_platform,
  '0002_calendar': m0002_calendar,
  '0003_units': m0003_units,
  '0004_catalogue': m0004_catalogue,
  '0005_identity': m0005_identity,
  '0006_dossiers': m0006_dossiers,
};
