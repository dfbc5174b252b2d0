import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { queryKeys } from './api/query-keys';
import { sendEarlyRequests } from './early-requests';
import { startBff } from './test/bff';
import { renderApp } from './test/render-app';
import { recordRequests } from './test/server';

/** Opens `url` as a browser does: index.html's early script runs first, then the app. */
function openPage(url: string) {
  sendEarlyRequests(new URL(url, window.location.origin));
  return renderApp(url);
}

const asked = (requests: Request[], ending: string) =>
  requests
    .map((r) => new URL(r.url))
    .filter((u) => u.pathname.endsWith(ending))
    .map((u) => `${u.pathname.replace(/^.*\/api\/entities\/[^/]+/, '')}${u.search}`);

describe('the requests sent before the app has loaded', () => {
  it.each([
    ['the default view', '', '?sync_status=error&sort=-updated_at&limit=50'],
    [
      'every status, a provider with a stray comma, a sort',
      '?sync_status=&provider=codat,&sort=amount',
      '?provider=codat&sort=amount&limit=50',
    ],
    [
      'a record open over the list',
      '/RECORD?provider=codat',
      '?sync_status=error&provider=codat&sort=-updated_at&limit=50',
    ],
  ])("are the records page's own (%s): it asks for its session and rows once", async (_, rest, list) => {
    const bff = await startBff({ records: [{ object_id: 'bill-early', provider: 'codat' }] });
    const requests = recordRequests();

    openPage(`${bff.recordsUrl}${rest.replace('RECORD', bff.records[0]!.id)}`);

    expect((await screen.findAllByText('bill-early')).length).toBeGreaterThan(0);
    expect(asked(requests, '/records')).toEqual([`/records${list}`]);
    expect(asked(requests, '/session')).toHaveLength(1);
  });

  it('leave a request the page would not make unused: it asks for its own', async () => {
    const bff = await startBff({ records: [{ object_id: 'bill-early' }] });
    const requests = recordRequests();

    // Not a sort the page knows: it falls back to the default, which the early script cannot know.
    const { queryClient } = openPage(`${bff.recordsUrl}?sort=sideways`);

    expect(await screen.findByText('bill-early')).toBeInTheDocument();
    // The early request's refusal (400) never reached the list, not even for a moment.
    const lists = queryClient.getQueryCache().findAll({ queryKey: queryKeys.recordLists(bff.entityId) });
    expect(lists.map((list) => list.state.errorUpdateCount)).toEqual([0]);
    expect(asked(requests, '/records')).toEqual([
      '/records?sync_status=error&sort=sideways&limit=50',
      '/records?sync_status=error&sort=-updated_at&limit=50',
    ]);
  });

  it('still send someone signed out to sign in', async () => {
    const bff = await startBff({ session: 'signed-out' });
    const requests = recordRequests();

    openPage(bff.recordsUrl);

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(asked(requests, '/session')).toHaveLength(1);
  });
});
