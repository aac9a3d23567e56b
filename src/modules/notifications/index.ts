/** The notifications module's manifest (platform/module.ts): what it adds to the running system. */
import type { ModuleManifest } from '../../platform/module';
import { deliveryJobs, notificationJobs } from './handlers';
import { messages } from './messages';
import { bindPorts, type NotificationsPorts } from './ports';
import { notificationsPages } from './pages';
import { notificationsRoutes } from './routes';

export type { NotificationsPorts, DossiersPort, DossierForNotice } from './ports';

/** The manifest, given what the module needs from the dossiers module (which depends on this one). */
export function notificationsModule(ports: NotificationsPorts): ModuleManifest {
  bindPorts(ports);
  return {
    name: 'notifications',
    messages,
    routes: notificationsRoutes,
    pages: notificationsPages,
    jobs: notificationJobs,
  };
}

/** Only the sending (e-mail, SMS, Zalo): a worker process that does nothing else (worker-process.ts). */
export const notificationsDelivery: ModuleManifest = { name: 'notifications.delivery', messages, jobs: deliveryJobs };
