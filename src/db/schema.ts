/**
 * The database as Kysely sees it: each module declares its own tables in its `tables.ts`,
 * and this interface joins them.
 */
import type { PlatformTables } from '../platform/tables';
import type { UnitsTables } from '../modules/units/tables';
import type { CatalogueTables } from '../modules/catalogue/tables';
import type { IdentityTables } from '../modules/identity/tables';
import type { DossiersTables } from '../modules/dossiers/tables';

export interface Database extends PlatformTables, UnitsTables, CatalogueTables, IdentityTables, DossiersTables {}
