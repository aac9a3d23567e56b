/** The units module's manifest (platform/module.ts): what it adds to the running system. */
import type { FastifyInstance } from 'fastify';
import type { ModuleManifest } from '../../platform/module';
import { messages } from './messages';
import { unitsPages } from './pages';
import { unitsRoutes } from './routes';
import { homeProvince } from './service';

/**
 * Pages name the province the system serves on the day (Tỉnh Hậu Giang until 30/6/2025, Thành
 * phố Cần Thơ after, Resolution 202/2025/QH15): read from the units, not a constant.
 */
function provinceNameHook(app: FastifyInstance) {
  const ctx = app.ctx;
  app.addHook('onRequest', async (req) => {
    const path = req.url;
    if (path.startsWith('/api/') || path.startsWith('/static/') || path === '/healthz' || path === '/readyz' || path === '/metrics') return;
    req.provinceName = (await homeProvince(ctx).catch(() => null))?.name ?? '';
  });
}

export const unitsModule: ModuleManifest = {
  name: 'units',
  messages,
  hooks: provinceNameHook,
  routes: unitsRoutes,
  pages: unitsPages,
};
