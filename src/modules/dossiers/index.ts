/** The dossiers module's manifest (platform/module.ts): what it adds to the running system, and what it needs (ports.ts). */
import type { ModuleManifest } from '../../platform/module';
import { messages } from './messages';
import { dossiersPages } from './pages';
import { bindPorts, type DossiersPorts } from './ports';
import { dossiersRoutes } from './routes';
import { resultSigningJobs } from './service/sign-result';
import { rerouteJobs, scheduleReroute } from './service/reroute-job';
import { getDossier } from './service';

export type { DossiersPorts, StoredDocumentsPort } from './ports';
export type { FrontDoorCodeLookup, FrontDoorLookup } from './service/front-door';

/** What the modules this one depends on need back from it (their ports, wired in src/manifests.ts): the notifications read a dossier. */
export const dossierRecords = { getDossier };

/** The manifest, given what the module needs from the modules that depend on it. */
export function dossiersModule(ports: DossiersPorts): ModuleManifest {
  bindPorts(ports);
  return {
    name: 'dossiers',
    messages,
    routes: dossiersRoutes,
    pages: dossiersPages,
    jobs: (jobs) => {
      resultSigningJobs(jobs);
      rerouteJobs(jobs);
    },
    // The merger's reroute, every day at 00:05 Vietnam time (service/reroute-job.ts): started by every worker that installs
    // these jobs (main.ts with WORKER=true, scripts/worker.ts), not by a startup task, so tests that drive the outbox by
    // hand do not reroute their dossiers behind their back.
    schedules: [{ name: 'dossiers.reroute-retired', run: (ctx) => scheduleReroute(ctx) }],
  };
}
