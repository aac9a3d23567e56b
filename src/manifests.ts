/**
 * The composition root's list of module manifests (platform/module.ts), in the order they are
 * installed: app.ts installs them (messages, jobs, startup tasks, hooks, routes, pages) and the
 * worker installs their jobs (main.ts). What a module needs from the modules that depend on it
 * is wired here, as a typed port (docs/architecture.md, "Adding a module").
 */
import type { ModuleManifest } from './platform/module';
import { webShell } from './web/index';
import { unitsModule } from './modules/units/index';
import { catalogueModule } from './modules/catalogue/index';
import { identityModule } from './modules/identity/index';
import { dossierRecords, dossiersModule } from './modules/dossiers/index';
import { storedDocuments, warehouseModule } from './modules/warehouse/index';
import { signingModule } from './modules/signing/index';
import { paymentsModule } from './modules/payments/index';
import { notificationsModule } from './modules/notifications/index';
import { frontDoor, frontDoorCode, nationalPortalModule } from './modules/national-portal/index';
import { feedbackModule } from './modules/feedback/index';
import { indicatorsModule } from './modules/indicators/index';
import { populationModule } from './modules/population/index';
import { rulesModule } from './modules/rules/index';
import { operationsModule } from './modules/operations/index';

export const MODULES: readonly ModuleManifest[] = [
  webShell,
  unitsModule,
  catalogueModule,
  identityModule,
  dossiersModule({ storedDocuments, frontDoor, frontDoorCode }),
  warehouseModule,
  signingModule,
  paymentsModule,
  notificationsModule({ dossiers: dossierRecords }),
  nationalPortalModule,
  feedbackModule,
  indicatorsModule,
  populationModule,
  rulesModule,
  operationsModule,
];
