/**
 * The first screen's requests, sent from a tiny script of their own (early.ts, ahead of the app's
 * ~100 kB entry in index.html) so they go out while the app's code downloads instead of after it
 * ran: the session, and on a records page its first rows and its code. apiFetch adopts each
 * answer once, if the app asks for the same URL; a different ask goes out as usual. Those the page
 * came with (its first screen's) are not asked again.
 */
import type { ResponseName } from './api/client';
import { filterFromUrl, recordsPageOf, recordsPageUrl } from './api/records-url';
import { firstScreenAnswers } from './lib/first-screen';

const sent = new Map<ResponseName, { url: string; response: Promise<Response> }>();

function send(shape: ResponseName, path: string) {
  // Answered already: the page came with it (its first screen's answers, lib/first-screen.ts).
  if (sent.has(shape)) return;
  const url = new URL(path, window.location.origin).href;
  const response = fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  // A failure is the adopting request's to report; an answer nobody adopts is dropped.
  response.catch(() => undefined);
  sent.set(shape, { url, response });
}

/** The early answer of this shape if it was asked of `url`; either way the first ask uses it up. */
export function takeEarlyResponse(shape: ResponseName, url: string): Promise<Response> | undefined {
  const early = sent.get(shape);
  sent.delete(shape);
  return early?.url === url ? early.response : undefined;
}

/** Starts loading modules the app imports later (dynamically: the same module then). */
const load = (...code: Promise<unknown>[]) => {
  for (const module of code) module.catch(() => undefined);
};

export function sendEarlyRequests({ pathname, search }: Pick<Location, 'pathname' | 'search'>) {
  for (const { shape, url, body } of firstScreenAnswers())
    sent.set(shape, {
      url: new URL(url, window.location.origin).href,
      response: Promise.resolve(Response.json(body)),
    });
  send('session', '/api/session');
  // What checks every answer (client.ts), the session's first.
  load(import('./api/response-schemas'));
  const records = recordsPageOf(pathname);
  if (!records) return;
  send('recordsPage', recordsPageUrl(records.entityId, filterFromUrl(new URLSearchParams(search))));
  load(import('./features/records/records-loader'), import('./features/records/records-page'));
}
