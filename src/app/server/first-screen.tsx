/**
 * A records page's first screen, drawn on the server (the BFF: src/bff/first-screen.ts) by the
 * app's own routes and components from the answers the BFF's routes gave, and sent with them for
 * the app to take (lib/first-screen.ts). Nothing here runs in the browser.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router';
import { getRecordsQueryOptions } from '../api/get-records';
import { getEntitiesQueryOptions } from '../api/get-entities';
import { getSessionQueryOptions } from '../api/session';
import { filterFromUrl, recordsPageOf, recordsPageUrl } from '../api/records-url';
import * as schemas from '../api/response-schemas';
import { parseRecordsSearch } from '../features/records/records-search';
import { FIRST_SCREEN_ANSWERS_ID, FIRST_SCREEN_ID, type FirstScreenAnswer } from '../lib/first-screen';
import { createRoutes } from '../router';

/** The records list's entity (not with a drawer, whose record the first screen would not have). */
function recordsListOf(page: URL): string | undefined {
  const records = recordsPageOf(page.pathname);
  return records && !records.drawer ? records.entityId : undefined;
}

/** What the first screen of `page` is drawn from, as the app would ask (early-requests.ts); none for other pages. */
export function firstScreenAsks(page: URL): Omit<FirstScreenAnswer, 'body'>[] | undefined {
  const entityId = recordsListOf(page);
  if (entityId === undefined) return undefined;
  return [
    { shape: 'session', url: '/api/session' },
    { shape: 'entities', url: '/api/entities' },
    { shape: 'recordsPage', url: recordsPageUrl(entityId, filterFromUrl(page.searchParams)) },
  ];
}

/** JSON in a script element: `<` escaped, so no text in it (a counterpart's name) can end the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The HTML to put before the app's root: the first screen, inert and hidden from assistive
 * technology until the app replaces it, and the answers. None unless someone is signed in.
 */
export async function renderFirstScreen(
  page: URL,
  answers: FirstScreenAnswer[],
): Promise<string | undefined> {
  const session = getSessionQueryOptions();
  // Only what it is given: nothing is fetched on the server.
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  for (const { shape, body } of answers) {
    if (shape === 'session') queryClient.setQueryData(session.queryKey, schemas.session.parse(body));
    if (shape === 'entities')
      queryClient.setQueryData(getEntitiesQueryOptions().queryKey, schemas.entities.parse(body).data);
    if (shape === 'recordsPage') {
      const options = getRecordsQueryOptions(recordsListOf(page)!, parseRecordsSearch(page.searchParams));
      queryClient.setQueryData(options.queryKey, {
        pages: [schemas.recordsPage.parse(body)],
        pageParams: [undefined],
      });
    }
  }
  if (!queryClient.getQueryData(session.queryKey)?.user) return undefined;
  const handler = createStaticHandler(createRoutes(queryClient));
  const context = await handler.query(new Request(page));
  if (context instanceof Response) return undefined; // A redirect: the app follows it.
  const screen = renderToString(
    <QueryClientProvider client={queryClient}>
      <StaticRouterProvider
        router={createStaticRouter(handler.dataRoutes, context)}
        context={context}
        hydrate={false}
      />
    </QueryClientProvider>,
  );
  // Over the app's root, as the app lays its page out; not on a phone, where the app shows cards.
  return (
    `<div id="${FIRST_SCREEN_ID}" inert aria-hidden="true" class="fixed inset-0 z-40 bg-slate-50 max-sm:hidden">${screen}</div>` +
    `<script type="application/json" id="${FIRST_SCREEN_ANSWERS_ID}">${scriptJson(answers)}</script>`
  );
}
