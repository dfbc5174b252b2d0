/**
 * What an identity provider's groups grant (OIDC_GROUP_GRANTS): a group maps to the deployment's
 * admin role, or to entities (an entity id, or `*` for every entity) with a role on each. Worked
 * out again at every sign-in, so a change of groups takes effect at the next one.
 */
import { z } from 'zod';

export const ENTITY_ROLES = ['viewer', 'operator'] as const;
export type EntityRole = (typeof ENTITY_ROLES)[number];

/** Every entity, present and future. */
export const ALL_ENTITIES = '*';

const groupGrantSchema = z.union([
  z.strictObject({ admin: z.literal(true) }),
  z.strictObject({
    entities: z.record(z.union([z.uuid(), z.literal(ALL_ENTITIES)]), z.enum(ENTITY_ROLES)),
  }),
]);

/** group name → what it grants. */
export const groupGrantsSchema = z.record(z.string().min(1), groupGrantSchema);
export type GroupGrants = z.infer<typeof groupGrantsSchema>;

export type EntityGrant = { entityId: string; role: EntityRole };
export type GrantedByGroups = { admin: boolean; grants: EntityGrant[] };

/**
 * What a person in `groups` is granted: admin if any group says so; per entity, the stronger role
 * any of their groups gives. Groups the mapping does not name grant nothing.
 */
export function grantsForGroups(groups: readonly string[], mapping: GroupGrants): GrantedByGroups {
  let admin = false;
  const roles = new Map<string, EntityRole>();
  for (const group of new Set(groups)) {
    const grant = mapping[group];
    if (!grant) continue;
    if ('admin' in grant) {
      admin = true;
      continue;
    }
    for (const [entityId, role] of Object.entries(grant.entities)) {
      if (roles.get(entityId) !== 'operator') roles.set(entityId, role);
    }
  }
  const grants = [...roles].map(([entityId, role]) => ({ entityId, role })).toSorted(byEntity);
  return { admin, grants };
}

const byEntity = (a: EntityGrant, b: EntityGrant) =>
  a.entityId < b.entityId ? -1 : a.entityId > b.entityId ? 1 : 0;

/** A claim's groups: a list of strings (some providers send one string for one group). */
export function groupsFromClaim(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string') : [];
}
