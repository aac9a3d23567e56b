/**
 * The sandboxes of the notification channels, the national portal and the population
 * database, each started only when its setting is in sandbox mode (config refuses sandbox
 * mode in production). Called from startSandboxes (sandbox/index.ts).
 */
import type { Config } from '../src/config';
import { startSmtpSink } from './email/smtp-sink';
import { startSandboxSms } from './sms/server';
import { startSandboxZalo } from './zalo/server';
import { startSandboxNationalPortal } from './national-portal/server';
import { startSandboxPopulation } from './population/server';

export interface Started {
  started: { name: string; url: string }[];
  closers: (() => Promise<void>)[];
}

export async function startIntegrationSandboxes(config: Config, host: string): Promise<Started> {
  const out: Started = { started: [], closers: [] };
  const add = (name: string, url: string, close: () => Promise<void>) => {
    out.started.push({ name, url });
    out.closers.push(close);
  };
  if (config.smtp.mode === 'sandbox') {
    const s = await startSmtpSink({ port: config.smtp.sandboxPort, host });
    add('SMTP sink', `smtp://${host}:${s.port}`, s.close);
  }
  if (config.sms.mode === 'sandbox') {
    const s = await startSandboxSms({ port: config.sms.sandboxPort, host, token: config.sms.token });
    add('SMS brandname', s.url, s.close);
  }
  if (config.zalo.mode === 'sandbox') {
    const s = await startSandboxZalo({ port: config.zalo.sandboxPort, host, token: config.zalo.token });
    add('Zalo ZNS', s.url, s.close);
  }
  if (config.nationalPortal.mode === 'sandbox') {
    const np = config.nationalPortal;
    const s = await startSandboxNationalPortal({
      port: np.sandboxPort,
      host,
      username: np.username,
      password: np.password,
      madonvi: np.madonvi,
      file: `${config.DATA_DIR}/sandbox-national-portal.json`,
    });
    add('national portal (DVCQG)', s.url, s.close);
  }
  if (config.population.mode === 'sandbox') {
    const p = config.population;
    const s = await startSandboxPopulation({ port: p.sandboxPort, host, clientId: p.clientId, clientSecret: p.clientSecret });
    add('population database', s.url, s.close);
  }
  return out;
}
