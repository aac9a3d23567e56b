import { describe, expect, it } from 'vitest';
import { explainFailure } from './restore-lib';

describe('explainFailure', () => {
  it('says the archive ends before the target', () => {
    expect(
      explainFailure(
        'LOG:  last completed transaction was at log time 2026-12-03 13:30:06+00\nFATAL:  recovery ended before configured recovery target was reached',
      ),
    ).toMatch(/archive ends before the target/);
  });
  it('says to take an older base backup when the target is before this one ended', () => {
    expect(explainFailure('FATAL:  requested recovery stop point is before consistent recovery point')).toMatch(/older base backup/);
  });
  it('says nothing for other failures', () => {
    expect(explainFailure('FATAL:  could not open file "global/pg_control"')).toBe('');
  });
});
