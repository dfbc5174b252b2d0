/**
 * Server-side staff sessions. The cookie holds 32 random bytes; the database holds only their
 * SHA-256, so a leaked database does not leak live sessions. Sessions end after an idle timeout
 * and an absolute lifetime, at sign-out, and when the account is disabled.
 */
import { createHash, randomBytes } from 'node:crypto';
import { roleSchema, type EntityAccess, type Role } from '../../contract/session';
import type { Db } from '../db/database';
import { accessFor } from './grants';

export type SessionLimits = { idleMs: number; absoluteMs: number };
/** Who is signed in, with the entities they may see (auth/grants.ts). */
export type SessionUser = { id: string; email: string; role: Role; grants: EntityAccess[] };

/** Writing last_seen_at on every request would turn reads into writes; once a minute is enough. */
const TOUCH_EVERY_MS = 60_000;

const hashId = (id: string) => createHash('sha256').update(id).digest('base64url');

/** A new session for the account; `oidcIssuer` names the identity provider that signed it in. */
export async function createSession(
  db: Db,
  userId: string,
  oidcIssuer: string | null = null,
): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  const now = new Date().toISOString();
  await db
    .insertInto('staff_session')
    .values({
      id_hash: hashId(id),
      user_id: userId,
      created_at: now,
      last_seen_at: now,
      oidc_issuer: oidcIssuer,
    })
    .execute();
  return id;
}

/** The signed-in user for a cookie value, or undefined (unknown, expired or disabled). */
export async function resolveSession(
  db: Db,
  id: string,
  limits: SessionLimits,
  now = Date.now(),
): Promise<SessionUser | undefined> {
  const row = await db
    .selectFrom('staff_session')
    .innerJoin('staff_user', 'staff_user.id', 'staff_session.user_id')
    .select([
      'staff_session.id_hash',
      'staff_session.created_at',
      'staff_session.last_seen_at',
      'staff_user.id',
      'staff_user.email',
      'staff_user.role',
      'staff_user.disabled_at',
    ])
    .where('staff_session.id_hash', '=', hashId(id))
    .executeTakeFirst();
  if (!row) return undefined;
  const expired =
    row.disabled_at !== null ||
    now - Date.parse(row.last_seen_at) > limits.idleMs ||
    now - Date.parse(row.created_at) > limits.absoluteMs;
  if (expired) {
    await db.deleteFrom('staff_session').where('id_hash', '=', row.id_hash).execute();
    return undefined;
  }
  if (now - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) {
    await db
      .updateTable('staff_session')
      .set({ last_seen_at: new Date(now).toISOString() })
      .where('id_hash', '=', row.id_hash)
      .execute();
  }
  const role = roleSchema.parse(row.role);
  return { id: row.id, email: row.email, role, grants: await accessFor(db, { id: row.id, role }) };
}

/** Ends the session; answers the identity provider that signed it in, if one did. */
export async function endSession(db: Db, id: string): Promise<{ oidcIssuer: string | null } | undefined> {
  const ended = await db
    .deleteFrom('staff_session')
    .where('id_hash', '=', hashId(id))
    .returning('oidc_issuer')
    .executeTakeFirst();
  return ended && { oidcIssuer: ended.oidc_issuer };
}
