/**
 * Where /healthz's time goes (issue 15, item 4): `npx tsx bench/healthz-layers.ts [--seconds 4]`
 * starts bench/healthz-server.ts with one set of layers after the other and drives GET /healthz
 * with autocannon (16 connections, keep-alive) against each, in one run. Prints a Markdown table;
 * ports 7360-7379.
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { repoRoot } from './server-process';

const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf('--seconds') + 1] || 4);
const VARIANTS: { label: string; layers: string }[] = [
  { label: 'bare Fastify', layers: '' },
  { label: '+ pino (level warn)', layers: 'logger' },
  { label: '+ cookie', layers: 'logger,cookie' },
  { label: '+ helmet', layers: 'logger,cookie,helmet' },
  { label: '+ metrics histogram', layers: 'logger,cookie,helmet,metrics' },
  { label: '+ language hook', layers: 'logger,cookie,helmet,metrics,lang' },
  { label: 'the product (buildApp, no logger)', layers: 'app' },
  { label: 'the product (buildApp, pino warn)', layers: 'app,logger' },
];

async function run(layers: string, port: number): Promise<{ rps: number; usPerReq: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/healthz-server.ts'], {
    cwd: repoRoot,
    env: { ...process.env, LAYERS: layers, PORT: String(port), DEMO_SEED: 'false' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('ready') && resolve());
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  try {
    await autocannon({ url: `http://127.0.0.1:${port}/healthz`, connections: 16, duration: 1 });
    await fetch(`http://127.0.0.1:${port}/__mark`).then((x) => x.arrayBuffer());
    const r = await autocannon({ url: `http://127.0.0.1:${port}/healthz`, connections: 16, duration: seconds });
    const cpu = (await (await fetch(`http://127.0.0.1:${port}/__cpu`)).json()) as { us: number };
    if (r.non2xx || r.errors) throw new Error(`${layers}: ${r.non2xx} non-2xx, ${r.errors} errors`);
    return { rps: r.requests.average, usPerReq: cpu.us / r.requests.total };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const before = loadavg()
  .map((x) => x.toFixed(1))
  .join(' / ');
const rows: string[] = [];
let bare = 0;
let port = 7360;
for (const v of VARIANTS) {
  const { rps, usPerReq } = await run(v.layers, port++);
  if (!bare) bare = usPerReq;
  rows.push(
    `| ${v.label} | ${usPerReq.toFixed(1)} | ${(usPerReq / bare).toFixed(2)}x | ${Math.round(1e6 / usPerReq).toLocaleString('en-US')} | ${Math.round(rps).toLocaleString('en-US')} |`,
  );
  process.stderr.write(`${v.label}: ${usPerReq.toFixed(1)} us/request, ${Math.round(rps)} req/s\n`);
}
const after = loadavg()
  .map((x) => x.toFixed(1))
  .join(' / ');
process.stdout.write(
  `Load average (1 / 5 / 15 min) before ${before}, after ${after}; ${seconds} s per variant, 16 connections.\n\n| server | CPU µs per /healthz | of bare | req/s one core could give | req/s measured |\n| --- | ---: | ---: | ---: | ---: |\n${rows.join('\n')}\n`,
);
