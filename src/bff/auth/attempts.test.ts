import { describe, expect, it } from 'vitest';
import { FailedAttempts } from './attempts';

describe('FailedAttempts', () => {
  it('locks an account after the fifth failure until the oldest leaves the window', () => {
    const attempts = new FailedAttempts(5, 60_000);
    for (let i = 0; i < 4; i++) attempts.fail('a@example.com', 1000 * i);
    expect(attempts.lockedFor('a@example.com', 4000)).toBe(0);
    attempts.fail('a@example.com', 4000);
    expect(attempts.lockedFor('a@example.com', 5000)).toBe(55);
    expect(attempts.lockedFor('b@example.com', 5000)).toBe(0);
    expect(attempts.lockedFor('a@example.com', 60_001)).toBe(0);
  });

  it('forgets a success, and stays bounded under a spray of made-up accounts', () => {
    const attempts = new FailedAttempts(1, 60_000);
    attempts.fail('a@example.com', 0);
    attempts.clear('a@example.com');
    expect(attempts.lockedFor('a@example.com', 1)).toBe(0);
    for (let i = 0; i <= 10_000; i++) attempts.fail(`user${i}@example.com`, 0);
    expect(attempts.lockedFor('user0@example.com', 1)).toBe(0); // evicted first
    expect(attempts.lockedFor('user10000@example.com', 1)).toBeGreaterThan(0);
  });
});
