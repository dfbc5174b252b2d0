/**
 * Who may see which entity, from the signed-in user's grants (contract/session.ts). No zod here:
 * the SPA's shell decides with it, and its entry chunk stays free of the schemas.
 */
import type { GrantRole, Role, StaffUser } from './session';

/** Every entity of the partner, as a grant's entity. */
export const ALL_ENTITIES = '*';

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };
/** The stronger of two roles (either may be missing). */
export const stronger = <R extends Role>(a: R | undefined, b: R | undefined): R | undefined =>
  a === undefined ? b : b === undefined ? a : RANK[a] >= RANK[b] ? a : b;

/**
 * A user's role on one entity, or undefined when they may not see it. Admins act on every
 * entity as operators; everyone else by their grants (`user.grants`, already merged and capped
 * by the BFF), the stronger of the entity's own and `*`.
 */
export function roleOn(user: StaffUser, entityId: string): GrantRole | undefined {
  if (user.role === 'admin') return 'operator';
  let role: GrantRole | undefined;
  for (const g of user.grants)
    if (g.entity_id === entityId || g.entity_id === ALL_ENTITIES) role = stronger(role, g.role);
  return role;
}

/** Whether the user may see any entity at all (else the SPA shows "No access yet"). */
export const hasAnyAccess = (user: StaffUser): boolean => user.role === 'admin' || user.grants.length > 0;
