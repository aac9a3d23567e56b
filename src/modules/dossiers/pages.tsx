/**
 * Screens of the dossier lifecycle (server-rendered, work without JavaScript, 360 px first):
 * citizens - online application, receipt, "my dossiers", public status lookup;
 * officers - work queues, the dossier workspace, reception at the desk / by post / assisted.
 */
import type { FastifyInstance } from 'fastify';
import { applyPages } from './pages/apply';
import { bulkPages } from './pages/bulk';
import { lookupPages } from './pages/lookup';
import { minePages } from './pages/mine';
import { queuePages } from './pages/queue';
import { receptionPages } from './pages/reception';
import { workspacePages } from './pages/workspace';
import { offlineIntakePages } from './pages/offline-intake';
import { mergerPages } from './pages/merger';

export function dossiersPages(app: FastifyInstance) {
  applyPages(app);
  minePages(app);
  lookupPages(app);
  queuePages(app);
  workspacePages(app);
  receptionPages(app);
  offlineIntakePages(app);
  bulkPages(app);
  mergerPages(app);
}
