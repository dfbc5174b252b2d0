import { describe, expect, it } from 'vitest';
import { recordsQuerySchema } from './api';

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
});
