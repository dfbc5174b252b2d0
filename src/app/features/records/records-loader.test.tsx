import { screen, waitFor } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { startBff } from '../../test/bff';
import { renderApp } from '../../test/render-app';
import { server } from '../../test/server';

describe('entering the records page', () => {
  it('asks for its first rows while the session is still being checked, and only once', async () => {
    const bff = await startBff({ records: [{ object_id: 'bill-early', provider: 'codat' }] });
    let answerSession!: () => void;
    const sessionHeld = new Promise<void>((resolve) => {
      answerSession = resolve;
    });
    // The session's answer waits until the test lets it through (then the real route answers).
    server.use(http.get('*/api/session', () => sessionHeld));
    const lists: string[] = [];
    server.events.on('request:start', ({ request }) => {
      const url = new URL(request.url);
      if (url.pathname.endsWith('/records')) lists.push(url.search);
    });

    renderApp(`${bff.recordsUrl}?provider=codat`);
    await waitFor(() =>
      expect(lists).toEqual(['?sync_status=error&provider=codat&sort=-updated_at&limit=50']),
    );
    expect(screen.queryByText('bill-early')).not.toBeInTheDocument();

    answerSession();
    expect(await screen.findByText('bill-early')).toBeInTheDocument();
    expect(lists).toHaveLength(1);
  });
});
