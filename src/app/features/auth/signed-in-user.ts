import { createContext, useContext } from 'react';
import { roleOn } from '../../../contract/access';
import type { GrantRole, StaffUser } from '../../../contract/session';

/** Set by the session guard: pages behind it never see "nobody", even while the session ends. */
export const SignedInUserContext = createContext<StaffUser | null>(null);

/** The signed-in person; only for pages behind the session guard. */
export function useSignedInUser(): StaffUser {
  const user = useContext(SignedInUserContext);
  if (!user) throw new Error('useSignedInUser is only for pages behind the session guard');
  return user;
}

/** The signed-in person's role on one entity (undefined: they may not see it). */
export const useEntityRole = (entityId: string): GrantRole | undefined => roleOn(useSignedInUser(), entityId);
