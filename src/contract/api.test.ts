import { describe, expect, it } from 'vitest';
import { recordsQuerySchema, SORT_KEYS } from './api';

describe('recordsQuerySchema', () => {
  it('reads comma-separated filters and applies defaults', () => {
    const q = recordsQuerySchema.parse({ sync_status: 'error,pending', provider: 'codat' });
    expect(q).toMatchObject({
      sync_status: ['error', 'pending'],
      provider: ['codat'],
      platform: [],
      sort: '-updated_at',
      limit: 50,
    });
  });

  it('rejects values outside the Monite enums and unknown parameters', () => {
    expect(recordsQuerySchema.safeParse({ sync_status: 'failed' }).success).toBe(false);
    expect(recordsQuerySchema.safeParse({ limit: '500' }).success).toBe(false);
    expect(recordsQuerySchema.safeParse({ status: 'error' }).success).toBe(false);
  });

  it('sorts by any column shown, either way, and nothing else', () => {
    for (const key of SORT_KEYS) {
      expect(recordsQuerySchema.parse({ sort: key }).sort).toBe(key);
      expect(recordsQuerySchema.parse({ sort: `-${key}` }).sort).toBe(`-${key}`);
    }
    expect(SORT_KEYS).toEqual(
      expect.arrayContaining(['number', 'counterpart', 'amount', 'due_date', 'sync_status', 'error']),
    );
    for (const sort of ['amount,-id', '--amount', 'data', 'id', '+amount', ''])
      expect(recordsQuerySchema.safeParse({ sort }).success).toBe(false);
  });
});
