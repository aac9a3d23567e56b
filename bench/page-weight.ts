/**
 * Page weight: the HTML of the main pages (raw and gzip bytes) and the estimated load time on
 * a slow 3G link (400 kbit/s, 400 ms round trip). The app runs with the demo province in an
 * embedded PGlite; a citizen applies online (and has a few dossiers) and a desk holds a full
 * work queue (50 dossiers, the page size), so the lists are measured at their largest.
 * Run: npm run bench:pages. Writes "## Page weight" in docs/benchmarks.md.
 *
 * Load-time model (stated, not measured on a real link):
 *  - first visit: 3 round trips (TCP, TLS 1.3, request) + HTML and the stylesheet (and the
 *    e-form script where the page uses it), gzip, at 400 kbit/s;
 *  - next page: the connection is open and the stylesheet cached: 1 round trip + the HTML.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, platform, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createTestEnv } from '../src/test/harness';
import { authHeaders, loginCitizen, loginOfficer, type Login } from '../src/test/login';
import { BIRTH_FORM as FORM } from '../src/test/fixtures';

const RTT = 0.4; // s
const BPS = 400_000; // bit/s
const gz = (b: Buffer | string) => gzipSync(b, { level: 6 }).length;
const secs = (bytes: number) => (bytes * 8) / BPS;
const STATIC = join(process.cwd(), 'src/web/static');
const css = gz(readFileSync(join(STATIC, 'site.css')));
const eformJs = gz(readFileSync(join(STATIC, 'eform.js')));

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

function multipart(payload: unknown, files: { field: string; name: string; type: string; bytes: Buffer }[]) {
  const b = '----weight';
  const parts: Buffer[] = [Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="payload"\r\n\r\n${JSON.stringify(payload)}\r\n`)];
  for (const f of files)
    parts.push(
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`),
      f.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${b}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${b}` };
}

async function main() {
  const env = await createTestEnv({ vneid: true, now: '2026-03-09T02:00:00Z' });
  const { app } = env;
  const an = await loginCitizen(env, '093090001234');
  const desk = await loginOfficer(app, 'motcua.p1');

  let onlineId = '';
  for (let i = 0; i < 5; i++) {
    const mp = multipart({ procedureCode: '1.001193', receivingUnitId: 'hg-vithanh-p1-ubnd', data: FORM }, [
      { field: 'file:to-khai', name: 'to-khai.pdf', type: 'application/pdf', bytes: PDF },
      { field: 'file:giay-chung-sinh', name: 'giay-chung-sinh.pdf', type: 'application/pdf', bytes: PDF },
    ]);
    const r = await app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { ...authHeaders(an), 'content-type': mp.type }, payload: mp.body });
    if (r.statusCode !== 201) throw new Error(`submit: ${r.statusCode} ${r.body}`);
    onlineId ||= r.json().dossier.id;
  }
  for (let i = 0; i < 50; i++) {
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: authHeaders(desk),
      payload: { procedureCode: '1.001193', applicant: { idNumber: `0931850${String(10000 + i)}`, name: `Người nộp số ${i + 1}`, phone: '0987654321' } },
    });
    if (r.statusCode !== 201) throw new Error(`desk submit: ${r.statusCode} ${r.body}`);
  }

  const pages: { name: string; url: string; who?: Login; eform?: boolean }[] = [
    { name: 'Home', url: '/' },
    { name: 'Procedure list', url: '/thu-tuc' },
    { name: 'Procedure page (birth registration)', url: '/thu-tuc/1.001193' },
    { name: 'Application form (birth registration)', url: '/nop-ho-so/1.001193', who: an, eform: true },
    { name: 'My dossiers (5)', url: '/ho-so-cua-toi', who: an },
    { name: 'My dossier (detail)', url: `/ho-so-cua-toi/${onlineId}`, who: an },
    { name: 'Status lookup', url: '/tra-cuu' },
    { name: 'Work queue (50 dossiers)', url: '/can-bo/hang-doi?tab=to-receive', who: desk },
    { name: 'Dossier workspace', url: `/can-bo/ho-so/${onlineId}`, who: desk },
  ];
  const rows: string[] = [];
  for (const p of pages) {
    const r = await app.inject({ method: 'GET', url: p.url, headers: { accept: 'text/html', ...(p.who ? { cookie: p.who.cookie } : {}) } });
    if (r.statusCode !== 200) throw new Error(`${p.url}: ${r.statusCode}`);
    const raw = r.rawPayload.length;
    const z = gz(r.rawPayload);
    const first = 3 * RTT + secs(z + css + (p.eform ? eformJs : 0));
    const next = RTT + secs(z);
    rows.push(
      `| ${p.name} | \`${p.url.replace(/[0-9a-f-]{36}/, ':id')}\` | ${(raw / 1024).toFixed(1)} KB | ${(z / 1024).toFixed(1)} KB | ${first.toFixed(2)} s | ${next.toFixed(2)} s |`,
    );
  }
  await env.close();

  const cpu = cpus();
  const lines = [
    '## Page weight',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:pages\` (bench/page-weight.ts): the HTML of each page as served (app.inject, demo province in PGlite, Vietnamese), raw and gzip (level 6). ` +
      'The citizen has 5 dossiers; the desk queue is full (50 dossiers, the page size). Pages carry no images and no web fonts; the only script is the 1 KB e-form enhancement on the application form.',
    `Slow 3G model: 400 kbit/s, 400 ms round trip. First visit = 3 round trips (TCP, TLS 1.3, request) + HTML + stylesheet (${(css / 1024).toFixed(1)} KB gzip)${' '}(+ e-form script ${(eformJs / 1024).toFixed(1)} KB on the form); next page = 1 round trip + HTML (connection open, stylesheet cached). Estimates from the byte counts, not a network measurement.`,
    `Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, ${platform()} (sizes do not depend on the machine).`,
    '',
    '| page | path | HTML | HTML gzip | slow 3G, first visit | slow 3G, next page |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
  ];
  const file = 'docs/benchmarks.md';
  const doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const section = lines.join('\n');
  const re = /## Page weight\n[\s\S]*?(?=\n## |$)/;
  const out = re.test(doc) ? doc.replace(re, section.trimEnd() + '\n') : doc.trimEnd() + '\n\n' + section;
  writeFileSync(file, out);
  console.log(section);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
