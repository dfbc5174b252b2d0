import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';

const ORIGIN = 'https://sync-desk.example';
const next = (value: string | null) => safeNext(value, ORIGIN);

describe('safeNext (after sign-in)', () => {
  it('goes back to a path on this site, with its query and hash', () => {
    expect(next('/entities/abc/records?provider=codat&sync_status=')).toBe(
      '/entities/abc/records?provider=codat&sync_status=',
    );
    expect(next('/audit?outcome=failed#top')).toBe('/audit?outcome=failed#top');
  });

  it('never leaves the site', () => {
    const offSite = [
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      'javascript:alert(1)',
      'evil.example',
      ' https://evil.example',
    ];
    expect(offSite.map(next)).toEqual(offSite.map(() => '/'));
  });

  it('goes home without a next, or with one pointing back at sign-in', () => {
    expect(next(null)).toBe('/');
    expect(next('')).toBe('/');
    expect(next('/sign-in?next=/audit')).toBe('/');
  });
});
