import { describe, expect, it } from 'vitest';
import { dayToIso, parseAuditSearch, toAuditFilter, toSearchParams } from './audit-search';

const parse = (query: string) => parseAuditSearch(new URLSearchParams(query));
const RECORD = '5d0f6a1e-7b2c-4d3e-8f4a-000000000001';

describe('audit search params', () => {
  it('reads every filter, and writes them back the same', () => {
    const query = `user=ann%40example.com&record=${RECORD}&outcome=unknown&action=push&from=2025-01-10&to=2025-01-12`;
    expect(parse(query)).toEqual({
      user: 'ann@example.com',
      record: RECORD,
      outcome: 'unknown',
      action: 'push',
      from: '2025-01-10',
      to: '2025-01-12',
    });
    expect(toSearchParams(parse(query)).toString()).toBe(query);
  });

  it('drops what it does not understand instead of failing', () => {
    expect(parse('record=not-a-uuid&outcome=maybe&action=delete&from=yesterday&user=')).toEqual({
      user: undefined,
      record: undefined,
      outcome: undefined,
      action: undefined,
      from: undefined,
      to: undefined,
    });
  });

  it('turns the days into instants covering them whole, in local time', () => {
    expect(new Date(dayToIso('2025-01-10')).getDate()).toBe(10);
    expect(new Date(dayToIso('2025-01-10')).getHours()).toBe(0);
    const end = new Date(dayToIso('2025-01-12', { endOfDay: true }));
    expect([end.getDate(), end.getHours(), end.getMinutes(), end.getMilliseconds()]).toEqual([
      12, 23, 59, 999,
    ]);
  });

  it('asks for one person only when the viewer may see everyone', () => {
    const search = parse('user=ann%40example.com&outcome=failed');
    expect(toAuditFilter(search, { everyone: true })).toMatchObject({ user: 'ann@example.com' });
    expect(toAuditFilter(search, { everyone: false }).user).toBeUndefined();
  });
});
