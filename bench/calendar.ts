/**
 * Calendar throughput: deadline computations and lunar conversions per second.
 * Run: npm run bench:calendar. Writes the figures under "## Calendar" in docs/benchmarks.md.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { lunarOfDayNumber, lunarToDayNumber, type LunarDate } from '../src/platform/calendar/lunar';
import { OFFICIAL_SCHEDULES } from '../src/platform/calendar/official-schedules';
import { buildWorkCalendar } from '../src/platform/calendar/working-time';
import { dayNumberOf } from '../src/platform/calendar/civil';
import type { TimeLimit } from '../src/platform/calendar/types';

const DAY = 86_400_000;

/** Deterministic pseudo-random numbers, so that runs compare. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Runs `fn(i)` for at least `ms` and returns operations per second (after a warm-up). */
function measure(fn: (i: number) => unknown, ms = 1500): number {
  for (let i = 0; i < 2000; i++) fn(i);
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let j = 0; j < 500; j++) fn(n++);
    now = performance.now();
  }
  return (n * 1000) / (now - start);
}

const calendar = buildWorkCalendar({ schedules: OFFICIAL_SCHEDULES });
const random = rng(42);
const from = Date.UTC(2024, 0, 1);
const receipts = Array.from({ length: 4096 }, () => new Date(from + Math.floor(random() * 4 * 365 * DAY)));
const days = receipts.map((_, i) => 1 + (i % 60));

function deadlines(unit: TimeLimit['unit']) {
  return measure((i) => calendar.dueAt(receipts[i & 4095], { value: unit === 'working_hours' ? days[i & 4095] * 4 : days[i & 4095], unit }));
}

const first = dayNumberOf(1900, 1, 1);
const span = dayNumberOf(2100, 12, 31) - first;
const dayNumbers = Array.from({ length: 4096 }, () => first + Math.floor(random() * span));
const lunarDates: LunarDate[] = dayNumbers.map((n) => lunarOfDayNumber(n));

const results: [string, number][] = [
  ['dueAt, working_days (1-60, receipts 2024-2027)', deadlines('working_days')],
  ['dueAt, working_hours (4-240 h)', deadlines('working_hours')],
  ['dueAt, days (1-60)', deadlines('days')],
  [
    'workingMsBetween (spans up to 60 days)',
    measure((i) => calendar.workingMsBetween(receipts[i & 4095], new Date(receipts[i & 4095].getTime() + days[i & 4095] * DAY))),
  ],
  ['solar -> lunar (random days 1900-2100)', measure((i) => lunarOfDayNumber(dayNumbers[i & 4095]))],
  ['lunar -> solar (random days 1900-2100)', measure((i) => lunarToDayNumber(lunarDates[i & 4095]))],
];

const cpuModel = (() => {
  try {
    return /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  } catch {
    return cpus()[0]?.model ?? 'unknown';
  }
})();
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const section = [
  '## Calendar',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:calendar\` (bench/calendar.ts), one thread, pure functions (no database).`,
  `Machine: ${cpuModel}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}. The machine was shared with other work, so treat the figures as a lower bound.`,
  '',
  '| operation | per second |',
  '| --- | ---: |',
  ...results.map(([name, ops]) => `| ${name} | ${fmt(ops)} |`),
  '',
].join('\n');

for (const [name, ops] of results) console.log(`${name.padEnd(50)} ${fmt(ops).padStart(12)} /s`);

const file = new URL('../docs/benchmarks.md', import.meta.url);
const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
const start = current.search(/^## Calendar\s*$/m);
let next: string;
if (start < 0) {
  next = `${current.trimEnd()}\n\n${section}`;
} else {
  const rest = current.slice(start + 1);
  const end = rest.search(/^## /m);
  next = current.slice(0, start) + section + (end < 0 ? '' : `\n${rest.slice(end)}`);
}
writeFileSync(file, next.endsWith('\n') ? next : `${next}\n`);
console.log('written to docs/benchmarks.md');
