import { lazy, Suspense } from 'react';
import { Outlet, useMatch } from 'react-router';
import { hasAnyAccess, roleOn } from '../../../contract/access';
import { useSignedInUser } from './signed-in-user';

// Rarely shown: loaded when needed, so the records page's first load stays as small as before.
const NotFound = lazy(() => import('../../routes/not-found').then((m) => ({ default: m.NotFound })));
const NoAccess = lazy(() => import('./no-access').then((m) => ({ default: m.NoAccess })));

/**
 * The signed-in pages, by what the person may see: "No access yet" without any grant, and an
 * entity they have no grant for is not found, as the BFF answers it (which enforces the same).
 */
export function AccessGate() {
  const user = useSignedInUser();
  const entity = useMatch('/entities/:entityId/*');
  if (!hasAnyAccess(user)) return <Suspense>{<NoAccess />}</Suspense>;
  if (entity && roleOn(user, entity.params.entityId ?? '') === undefined)
    return <Suspense>{<NotFound />}</Suspense>;
  return <Outlet />;
}
