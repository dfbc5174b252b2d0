import { describe, expect, it } from 'vitest';
import { formatRelative } from './time';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const at = (seconds: number) => new Date(NOW + seconds * 1000).toISOString();

describe('formatRelative', () => {
  it('says how long ago, in the largest whole unit', () => {
    expect(formatRelative(at(-3), NOW)).toBe('just now');
    expect(formatRelative(at(-12), NOW)).toBe('12 s ago');
    expect(formatRelative(at(-90), NOW)).toBe('1 min ago');
    expect(formatRelative(at(-3 * 3600), NOW)).toBe('3 h ago');
    expect(formatRelative(at(-2 * 86_400), NOW)).toBe('2 d ago');
  });

  it('reads a time up to a minute ahead as "just now" (a clock between ticks, or skew)', () => {
    expect(formatRelative(at(16), NOW)).toBe('just now');
    expect(formatRelative(at(2 * 3600), NOW)).toBe('in 2 h');
  });
});
