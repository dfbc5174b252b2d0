import { describe, expect, it } from 'vitest';
import { progress } from './progress';

const NOW = 1_000_000;

describe("a job's pace and time left", () => {
  it('counts the sends of the last ten seconds', () => {
    const sent = [NOW - 30_000, ...Array.from({ length: 20 }, (_, i) => NOW - 10_000 + 1 + i * 500)];
    expect(progress(sent, 10, NOW)).toEqual({ rate_per_second: 2, eta_seconds: 5 });
  });

  it('reads a first burst as at most its count per second', () => {
    expect(progress([NOW - 10, NOW - 5, NOW], 30, NOW)).toEqual({ rate_per_second: 3, eta_seconds: 10 });
  });

  it('gives no time left when nothing was sent lately or nothing waits', () => {
    expect(progress([NOW - 60_000], 10, NOW)).toEqual({ rate_per_second: 0, eta_seconds: null });
    expect(progress([NOW - 100], 0, NOW).eta_seconds).toBeNull();
  });
});
