/** What every benchmark shares: the machine's description and writing its own section of docs/benchmarks.md. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

export function machineDescription(): string {
  let model = cpus()[0]?.model ?? 'unknown CPU';
  try {
    const m = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) model = m[1]!.trim();
  } catch {
    /* not Linux */
  }
  const gib = (totalmem() / 1024 ** 3).toFixed(1);
  return `${model}, ${cpus().length} cores, ${gib} GiB memory, Node ${process.version}, ${process.platform}`;
}
/** Replaces the section starting at `heading` up to the next "## " heading (or appends it). */
export function replaceSection(doc: string, heading: string, section: string): string {
  const lines = doc.split('\n');
  const start = lines.findIndex((l) => l.trim() === heading);
  if (start < 0) return `${doc.replace(/\n*$/, '\n')}\n${section}`;
  let end = lines.findIndex((l, i) => i > start && /^## /.test(l));
  if (end < 0) end = lines.length;
  const before = lines.slice(0, start).join('\n');
  const after = lines.slice(end).join('\n');
  return `${before ? before.replace(/\n*$/, '\n\n') : ''}${section.replace(/\n*$/, '\n')}${after ? `\n${after}` : ''}`;
}

/** Writes `section` under `heading` in docs/benchmarks.md, leaving the other sections alone; returns the file's path. */
export function writeBenchmarkSection(heading: string, section: string): string {
  const file = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));
  const doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  writeFileSync(file, replaceSection(doc, heading, section));
  return file;
}
