/**
 * Golden files: a generated text kept in the repository and reviewed like code. The test fails
 * when the generated text differs; UPDATE_GOLDEN=1 rewrites the file instead (then read the diff).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

export function expectGolden(file: URL, text: string): void {
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

/** A markdown table: a header row and rows of cells. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}
