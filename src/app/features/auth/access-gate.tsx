import { Outlet, useMatch } from 'react-router';
import { hasAnyAccess, roleOn } from '../../../contract/access';
import { NotFound } from '../../routes/not-found';
import { NoAccess } from './no-access';
import { useSignedInUser } from './signed-in-user';

/**
 * The signed-in pages, by what the person may see: "No access yet" without any grant, and an
 * entity they have no grant for is not found, as the BFF answers it (which enforces the same).
 */
export function AccessGate() {
  const user = useSignedInUser();
  const entity = useMatch('/entities/:entityId/*');
  if (!hasAnyAccess(user)) return <NoAccess />;
  if (entity && roleOn(user, entity.params.entityId ?? '') === undefined) return <NotFound />;
  return <Outlet />;
}
