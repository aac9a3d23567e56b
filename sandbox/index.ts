/**
 * Starts the sandboxes of the national systems for demo and development, each only when its
 * setting is in sandbox mode (config refuses sandbox mode in production). Returns one close().
 */
import type { Config } from '../src/config';
import { sandboxCaDir, startSandboxEsign } from './esign/server';
import { startSandboxPayment } from './payment/server';
import { startIntegrationSandboxes } from './integrations';

export interface Sandboxes {
  started: { name: string; url: string }[];
  close(): Promise<void>;
}

export async function startSandboxes(config: Config, opts: { host?: string } = {}): Promise<Sandboxes> {
  const host = opts.host ?? config.HOST;
  const closers: (() => Promise<void>)[] = [];
  const started: Sandboxes['started'] = [];
  if (config.esign.mode === 'sandbox') {
    const s = await startSandboxEsign({
      port: config.esign.sandboxPort,
      host,
      caDir: sandboxCaDir(config.DATA_DIR),
      clientId: config.esign.clientId,
      clientSecret: config.esign.clientSecret,
      autoConfirmMs: 1500,
    });
    closers.push(s.close);
    started.push({ name: 'eSign', url: s.url });
  }
  if (config.payment.mode === 'sandbox') {
    const s = await startSandboxPayment({
      port: config.payment.sandboxPort,
      host,
      partnerCode: config.payment.partnerCode,
      secret: config.payment.secret,
      macScheme: config.payment.macScheme,
      publicUrl: config.payment.url,
      portalUrl: config.publicUrl,
    });
    closers.push(s.close);
    started.push({ name: 'payment', url: s.url });
  }
  const more = await startIntegrationSandboxes(config, host);
  started.push(...more.started);
  closers.push(...more.closers);
  return {
    started,
    async close() {
      for (const c of closers.reverse()) await c();
    },
  };
}
