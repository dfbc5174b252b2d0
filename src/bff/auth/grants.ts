/**
 * Per-entity access (docs/decisions/013-entity-grants.md). An account is granted entities (or
 * `*`, every entity) with a role on each, by Sync Desk (admin page, CLI) or by the identity
 * provider's groups. Where grants overlap, the stronger role wins; the account's deployment role
 * caps them (a deployment viewer reads, whatever a grant says), and a deployment admin needs none.
 */
import { GRANT_SOURCES, staffGrantSchema, type StaffGrant } from '../../contract/admin';
import {
  ALL_ENTITIES,
  grantRoleSchema,
  roleSchema,
  stronger,
  type EntityAccess,
  type GrantRole,
  type Role,
} from '../../contract/session';
import type { Db } from '../db/database';

/** One stored grant, as made. */
export type EntityGrant = StaffGrant;
export type GrantSource = (typeof GRANT_SOURCES)[number];

export type GrantChange = {
  userId: string;
  entityId: string;
  role: GrantRole;
  /** An admin's email, `cli`, `identity provider`. */
  grantedBy: string;
  source?: GrantSource;
};
export type RevokeChange = { userId: string; entityId: string; source?: GrantSource };

/** Every grant of one account, from both sources. */
export async function grantsOf(db: Db, userId: string): Promise<EntityGrant[]> {
  const rows = await db
    .selectFrom('entity_grant')
    .select(['entity_id', 'role', 'source', 'granted_by', 'granted_at'])
    .where('user_id', '=', userId)
    .orderBy('entity_id')
    .orderBy('source')
    .execute();
  return rows.map((r) => staffGrantSchema.parse(r));
}

/** Grants an entity, or changes the role of the same source's grant of it. */
export async function grantEntity(db: Db, change: GrantChange): Promise<void> {
  const row = {
    user_id: change.userId,
    entity_id: change.entityId,
    role: grantRoleSchema.parse(change.role),
    source: change.source ?? 'sync-desk',
    granted_by: change.grantedBy,
    granted_at: new Date().toISOString(),
  };
  await db
    .insertInto('entity_grant')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'entity_id', 'source'])
        .doUpdateSet({ role: row.role, granted_by: row.granted_by, granted_at: row.granted_at }),
    )
    .execute();
}

/** Takes one source's grant of an entity away; false if there was none. */
export async function revokeEntity(db: Db, change: RevokeChange): Promise<boolean> {
  const result = await db
    .deleteFrom('entity_grant')
    .where('user_id', '=', change.userId)
    .where('entity_id', '=', change.entityId)
    .where('source', '=', change.source ?? 'sync-desk')
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * Replaces the account's identity-provider grants with `grants` in one transaction (at each
 * OIDC sign-in); grants made in Sync Desk stay. An entity listed twice keeps the stronger role.
 */
export async function setIdpGrants(
  db: Db,
  userId: string,
  grants: { entityId: string; role: GrantRole }[],
): Promise<void> {
  const merged = new Map<string, GrantRole>();
  for (const g of grants)
    merged.set(g.entityId, stronger(merged.get(g.entityId), grantRoleSchema.parse(g.role))!);
  const granted_at = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('entity_grant').where('user_id', '=', userId).where('source', '=', 'idp').execute();
    if (merged.size === 0) return;
    await trx
      .insertInto('entity_grant')
      .values(
        [...merged].map(([entity_id, role]) => ({
          user_id: userId,
          entity_id,
          role,
          source: 'idp',
          granted_by: 'identity provider',
          granted_at,
        })),
      )
      .execute();
  });
}

/**
 * What the account may see: one entry per entity (or `*`), the stronger role where sources
 * overlap, capped by the deployment role. Admins need no entry (contract/session.ts `roleOn`).
 */
export function effectiveAccess(deploymentRole: Role, grants: readonly EntityGrant[]): EntityAccess[] {
  if (deploymentRole === 'admin') return [];
  const byEntity = new Map<string, GrantRole>();
  for (const g of grants) byEntity.set(g.entity_id, stronger(byEntity.get(g.entity_id), g.role)!);
  return [...byEntity].map(([entity_id, role]) => ({
    entity_id,
    role: deploymentRole === 'viewer' ? 'viewer' : role,
  }));
}

/** The signed-in account's entities and roles, for the guard and `GET /api/session`. */
export async function accessFor(db: Db, user: { id: string; role: Role }): Promise<EntityAccess[]> {
  return effectiveAccess(roleSchema.parse(user.role), await grantsOf(db, user.id));
}

/** The entity ids the user may see, or null for every entity (an admin, a `*` grant). */
export function visibleEntityIds(user: { role: Role; grants: readonly EntityAccess[] }): string[] | null {
  if (user.role === 'admin' || user.grants.some((g) => g.entity_id === ALL_ENTITIES)) return null;
  return user.grants.map((g) => g.entity_id);
}
