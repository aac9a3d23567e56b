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
  // The name changes only with a merger or a renaming (dated data): kept per hour of the app clock for
  // a minute, not two full reads of the unit tables per page (issue 15, item 4).
  let cache: { key: string; at: number; name: Promise<string> } | null = null;
  function provinceNameNow(): Promise<string> {
    const key = ctx.clock.now().toISOString().slice(0, 13);
    if (!cache || cache.key !== key || Date.now() - cache.at > 60_000) {
      const name = homeProvince(ctx).then(
        (p) => p?.name ?? '',
        () => '',
      );
      cache = { key, at: Date.now(), name };
      void name.then((n) => {
        if (!n && cache?.name === name) cache = null; // not loaded yet (starting): ask again next time
      });
    }
    return cache.name;
  }
  app.addHook('onRequest', async (req) => {
    const path = req.url;
    if (path.startsWith('/api/') || path.startsWith('/static/') || path === '/healthz' || path === '/readyz' || path === '/metrics') return;
    req.provinceName = await provinceNameNow();
  });
}

export const unitsModule: ModuleManifest = {
  name: 'units',
  messages,
  hooks: provinceNameHook,
  routes: unitsRoutes,
  pages: unitsPages,
};
