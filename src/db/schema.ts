/**
 * The database as Kysely sees it: each module declares its own tables in its `tables.ts`,
 * and this interface joins them.
 */
import type { PlatformTables } from '../platform/tables';
import type { CalendarTables } from '../platform/calendar/tables';
import type { UnitsTables } from '../modules/units/tables';
import type { CatalogueTables } from '../modules/catalogue/tables';
import type { IdentityTables } from '../modules/identity/tables';
import type { DossiersTables } from '../modules/dossiers/tables';
import type { WarehouseTables } from '../modules/warehouse/tables';
import type { SigningTables } from '../modules/signing/tables';
import type { PaymentsTables } from '../modules/payments/tables';
import type { NotificationsTables } from '../modules/notifications/tables';
import type { NationalPortalTables } from '../modules/national-portal/tables';
import type { FeedbackTables } from '../modules/feedback/tables';
import type { IndicatorsTables } from '../modules/indicators/tables';
import type { PopulationTables } from '../modules/population/tables';

export interface Database
  extends
    PlatformTables,
    CalendarTables,
    UnitsTables,
    CatalogueTables,
    IdentityTables,
    DossiersTables,
    WarehouseTables,
    SigningTables,
    PaymentsTables,
    NotificationsTables,
    NationalPortalTables,
    FeedbackTables,
    IndicatorsTables,
    PopulationTables {}
