import type { QueryClient } from '@tanstack/react-query';
import type { LoaderFunctionArgs } from 'react-router';
import { getRecordsQueryOptions } from '../../api/get-records';
import { hasFirstScreen } from '../../lib/first-screen';
import { parseRecordsSearch } from './records-search';

/**
 * Asks for the records page's first rows as the route is entered, while the page's own code (and
 * the session) load, instead of once the page has rendered. It does not wait for them: the page
 * shows them from the same query. The session guard still decides what is shown.
 */
export const recordsLoader =
  (queryClient: QueryClient) =>
  ({ params, request }: LoaderFunctionArgs) => {
    const search = parseRecordsSearch(new URL(request.url).searchParams);
    const rows = queryClient.prefetchInfiniteQuery(getRecordsQueryOptions(params.entityId!, search));
    // Over the server's first screen the rows are in the page already: waiting for them makes the
    // app's first commit the whole page, which replaces that screen at once (lib/first-screen.ts).
    return hasFirstScreen() ? rows.then(() => null) : null;
  };
