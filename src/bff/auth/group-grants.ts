/**
 * What an identity provider's groups grant (OIDC_GROUP_GRANTS): a group maps to the deployment's
 * admin role, or to entities (an entity id, or `*` for every entity) with a role on each. Worked
 * out again at every sign-in, so a change of groups takes effect at the next one.
 */
import { z } from 'zod';
import { ALL_ENTITIES, grantRoleSchema, stronger, type GrantRole } from '../../contract/session';

const groupGrantSchema = z.union([
  z.strictObject({ admin: z.literal(true) }),
  z.strictObject({
    entities: z.record(z.union([z.uuid(), z.literal(ALL_ENTITIES)]), grantRoleSchema),
  }),
]);

/** group name → what it grants. */
export const groupGrantsSchema = z.record(z.string().min(1), groupGrantSchema);
export type GroupGrants = z.infer<typeof groupGrantsSchema>;

/** In the shape `setIdpGrants` (grants.ts) stores. */
export type GroupGrant = { entityId: string; role: GrantRole };
export type GrantedByGroups = { admin: boolean; grants: GroupGrant[] };

/**
 * What a person in `groups` is granted: admin if any group says so; per entity, the stronger role
 * any of their groups gives. Groups the mapping does not name grant nothing.
 */
export function grantsForGroups(groups: readonly string[], mapping: GroupGrants): GrantedByGroups {
  let admin = false;
  const roles = new Map<string, GrantRole>();
  for (const group of new Set(groups)) {
    const grant = mapping[group];
    if (!grant) continue;
    if ('admin' in grant) {
      admin = true;
      continue;
    }
    for (const [entityId, role] of Object.entries(grant.entities)) {
      roles.set(entityId, stronger(roles.get(entityId), role)!);
    }
  }
  const grants = [...roles].map(([entityId, role]) => ({ entityId, role })).toSorted(byEntity);
  return { admin, grants };
}

const byEntity = (a: GroupGrant, b: GroupGrant) =>
  a.entityId < b.entityId ? -1 : a.entityId > b.entityId ? 1 : 0;

/** A claim's groups: a list of strings (some providers send one string for one group). */
export function groupsFromClaim(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string') : [];
}
