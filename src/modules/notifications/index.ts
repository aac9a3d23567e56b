/** The notifications module's manifest (platform/module.ts): what it adds to the running system. */
import type { ModuleManifest } from '../../platform/module';
import { deliveryJobs, notificationJobs } from './handlers';
import { messages } from './messages';
import { notificationsPages } from './pages';
import { notificationsRoutes } from './routes';

export const notificationsModule: ModuleManifest = {
  name: 'notifications',
  messages,
  routes: notificationsRoutes,
  pages: notificationsPages,
  jobs: notificationJobs,
};

/** Only the sending (e-mail, SMS, Zalo): a worker process that does nothing else (worker-process.ts). */
export const notificationsDelivery: ModuleManifest = { name: 'notifications.delivery', messages, jobs: deliveryJobs };
