/**
 * Benchmark of the virtual assistant: top-1 / top-3 procedure accuracy and abstention on the
 * question set, per split, and the latency of POST /api/v1/assistant. Writes the section
 * "## Virtual assistant" of docs/benchmarks.md (only that section).
 *   npm run bench:assistant [-- --misses]
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import { createTestEnv } from '../src/test/harness';
import { evaluate, type Question } from '../src/modules/feedback/assistant/evaluate';
import { corpus } from '../src/modules/feedback/assistant/corpus';

const file = new URL('./assistant-questions.json', import.meta.url);
const questions = (JSON.parse(readFileSync(file, 'utf8')) as { questions: Question[] }).questions;

const env = await createTestEnv({ now: new Date().toISOString() });
try {
  const procedures = (await corpus(env.ctx)).procedures.size;
  const all = await evaluate(env.ctx, questions);
  const dev = await evaluate(
    env.ctx,
    questions.filter((q) => q.split === 'dev'),
  );
  const heldout = await evaluate(
    env.ctx,
    questions.filter((q) => q.split === 'heldout'),
  );
  // Latency through HTTP, index already warm: every question once.
  const times: number[] = [];
  for (const q of questions) {
    const t0 = performance.now();
    const res = await env.app.inject({ method: 'POST', url: '/api/v1/assistant', payload: { question: q.question } });
    times.push(performance.now() - t0);
    if (res.statusCode !== 200) throw new Error(`assistant answered ${res.statusCode}: ${res.body}`);
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))].toFixed(1);
  const pctf = (x: number) => `${(x * 100).toFixed(1)} %`;
  const row = (name: string, s: typeof all) =>
    `| ${name} | ${s.questions} | ${s.inScope} | ${pctf(s.top1)} | ${pctf(s.top3)} | ${s.outOfScope} | ${pctf(s.abstained)} | ${pctf(s.overallTop1)} | ${pctf(s.overallTop3)} |`;
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const section = [
    '## Virtual assistant',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:assistant\` (bench/assistant.ts) on ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, ${os.platform()} ${os.release()}, PGlite in memory, demo catalogue of ${procedures} procedures.`,
    '',
    `Question set: bench/assistant-questions.json, ${questions.length} citizen questions in Vietnamese (with and without diacritics, colloquial), written before tuning; \`expected\` lists the procedure codes that count as right; ${all.outOfScope} questions are out of scope (the right answer is "I do not know" + hotline). Synonyms were tuned on the \`dev\` split only; \`heldout\` was not looked at while tuning.`,
    '',
    '| split | questions | in scope | top-1 | top-3 | out of scope | abstained | overall top-1 | overall top-3 |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    row('all', all),
    row('dev', dev),
    row('heldout', heldout),
    '',
    'Before any tuning (first run, 2026-11-25, same question set): all top-1 85.7 %, top-3 94.4 %, abstained 66.7 %; heldout top-1 88.1 %, top-3 95.2 %. Tuning (on dev misses only) added a bonus for the share of a procedure\'s name the question covers, two stop words ("con", "bé"), the synonym "sửa", and the rule "confident when score >= 12 even with low word coverage". Abstention (second round, dev only): with low coverage a strong score counts only when a known phrase for a need (synonym table) matched, so a few plain words in common ("xã", "tốt nghiệp") give "I do not know" + hotline; dev before/after: top-1 96.4 % / 96.4 %, top-3 100 % / 100 %, abstained 50 % / 100 %. Then six more out-of-scope questions (#133-#138, heldout) were written and measured once, without tuning after.',
    '',
    `Latency of \`POST /api/v1/assistant\` (in-process, index warm, ${times.length} requests): p50 ${pct(50)} ms, p95 ${pct(95)} ms, max ${times[times.length - 1].toFixed(1)} ms.`,
    '',
    `Misses (top-3 wrong or answered out of scope): ${all.misses.length ? all.misses.map((m) => `#${m.id} "${m.question}" expected ${m.expected.join('/') || '-'} got ${m.got.slice(0, 3).join(', ') || '-'}`).join('; ') : 'none'}.`,
    '',
  ].join('\n');
  const resolved = section;
  const path = new URL('../docs/benchmarks.md', import.meta.url);
  const before = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const re = /## Virtual assistant\n[\s\S]*?(?=\n## |$)/;
  const next = re.test(before) ? before.replace(re, resolved.trimEnd() + '\n') : before.trimEnd() + '\n\n' + resolved;
  writeFileSync(path, next);
  console.log(resolved);
  if (process.argv.includes('--misses')) for (const m of all.misses) console.log(m);
} finally {
  await env.close();
}
