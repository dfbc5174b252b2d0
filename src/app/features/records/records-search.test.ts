import { describe, expect, it } from 'vitest';
import { parseRecordsSearch, toSearchParams } from './records-search';

const parse = (query: string) => parseRecordsSearch(new URLSearchParams(query));

describe('records search params', () => {
  it('defaults to failed records, newest first', () => {
    expect(parse('')).toMatchObject({ sync_status: ['error'], provider: [], sort: '-updated_at' });
    expect(toSearchParams(parse('')).toString()).toBe('');
  });

  it('keeps an explicit empty status as "every status"', () => {
    expect(parse('sync_status=').sync_status).toEqual([]);
    expect(toSearchParams(parse('sync_status=')).toString()).toBe('sync_status=');
  });

  it('falls back per field on a hand-edited link instead of failing', () => {
    expect(parse('provider=codat,nope&sort=sideways&platform=xero')).toMatchObject({
      provider: [],
      sort: '-updated_at',
      platform: ['xero'],
      sync_status: ['error'],
    });
  });

  it('keeps any column sort in the URL, either way', () => {
    for (const sort of ['-amount', 'counterpart', 'due_date', '-sync_status', 'error'])
      expect(toSearchParams(parse(`sort=${sort}`)).toString()).toBe(`sort=${sort}`);
  });

  it('round-trips a full selection', () => {
    const query = 'sync_status=pending%2Cerror&provider=railz&object_type=bill&q=abc&sort=updated_at';
    expect(parse(toSearchParams(parse(query)).toString())).toEqual(parse(query));
  });
});
