import { screen } from '@testing-library/react';
import { delay, http } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { startBff } from '../test/bff';
import { renderApp } from '../test/render-app';
import { server } from '../test/server';
import { FIRST_SCREEN_ID } from './first-screen';

/** What the BFF puts before the app's root when it draws a records page's first screen. */
function serverFirstScreen() {
  const drawn = document.createElement('div');
  drawn.id = FIRST_SCREEN_ID;
  drawn.inert = true;
  drawn.textContent = 'rows drawn by the server';
  document.body.prepend(drawn);
}
const firstScreen = () => document.getElementById(FIRST_SCREEN_ID);

afterEach(() => firstScreen()?.remove());

describe("the server's first screen", () => {
  it("stays over the app until the app's own rows are there, and goes as they come", async () => {
    const bff = await startBff({ records: [{ object_id: 'bill-first-screen' }] });
    // The list's answer comes a second late (then the real route answers): the session and the
    // page's code are there long before it.
    server.use(http.get('*/api/entities/:entityId/records', () => delay(1000)));
    serverFirstScreen();
    let seenWhileLoading = false;
    let seenWithThePage = false;
    // Each time the app changes the page: the server's copy stays until the app's rows are in it,
    // and no moment shows the app's page (here, its heading) beside it.
    const observer = new MutationObserver(() => {
      if (!firstScreen()) return;
      seenWhileLoading = true;
      if (screen.queryAllByText('Synced records').length > 0) seenWithThePage = true;
    });
    observer.observe(document.body, { childList: true, subtree: true });

    renderApp(bff.recordsUrl);

    expect((await screen.findAllByText('bill-first-screen')).length).toBeGreaterThan(0);
    observer.disconnect();
    expect(seenWhileLoading).toBe(true);
    expect(seenWithThePage).toBe(false);
    expect(firstScreen()).toBeNull();
  });

  it('goes when the session ended in between, for the sign-in page', async () => {
    const bff = await startBff({ session: 'signed-out' });
    serverFirstScreen();

    renderApp(bff.recordsUrl);

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(firstScreen()).toBeNull();
  });

  it('goes for the error when the list cannot be loaded (an entity this deployment does not serve)', async () => {
    await startBff();
    serverFirstScreen();

    renderApp('/entities/00000000-0000-4000-8000-000000000000/records');

    expect(await screen.findByText('Could not load records')).toBeInTheDocument();
    expect(firstScreen()).toBeNull();
  });
});
