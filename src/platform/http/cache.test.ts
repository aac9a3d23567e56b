import { describe, expect, it } from 'vitest';
import { etagMatches, weakEtag } from './cache';

describe('weak ETag', () => {
  it('is weak, stable and differs for different bytes', () => {
    expect(weakEtag('a')).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    expect(weakEtag('a')).toBe(weakEtag(Buffer.from('a')));
    expect(weakEtag('a')).not.toBe(weakEtag('b'));
  });

  it.each([
    [undefined, false],
    ['', false],
    ['W/"x"', true],
    ['"x"', true],
    ['W/"y", W/"x"', true],
    [' * ', true],
    ['W/"y"', false],
    ['x', false],
  ] as const)('If-None-Match %j against W/"x" → %s', (header, expected) => {
    expect(etagMatches(header, 'W/"x"')).toBe(expected);
  });
});
