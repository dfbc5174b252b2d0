/** Staff accounts: created and managed from the command line (cli/users.ts), read at sign-in. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ALL_ENTITIES, roleSchema, type Role } from '../../contract/session';
import type { Db } from '../db/database';
import { grantEntity } from './grants';
import { hashPassword } from './passwords';

export const MIN_PASSWORD_LENGTH = 12;

const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Passwords need at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(1024);

export type StaffAccount = { id: string; email: string; role: Role; disabled: boolean; created_at: string };

const normalise = (email: string) => email.trim().toLowerCase();

export async function findUserByEmail(db: Db, email: string) {
  const row = await db
    .selectFrom('staff_user')
    .selectAll()
    .where('email', '=', normalise(email))
    .executeTakeFirst();
  return row && { ...row, role: roleSchema.parse(row.role) };
}

/**
 * A new password account. A non-admin sees only the entities in `entities` (by default `*`,
 * every entity, as accounts did before grants), with its role on each, granted by `grantedBy`.
 */
export async function findUserById(db: Db, id: string) {
  const row = await db.selectFrom('staff_user').selectAll().where('id', '=', id).executeTakeFirst();
  return row && { ...row, role: roleSchema.parse(row.role) };
}

export async function addUser(
  db: Db,
  email: string,
  role: Role,
  password: string,
  { entities = [ALL_ENTITIES], grantedBy = 'cli' }: { entities?: readonly string[]; grantedBy?: string } = {},
): Promise<StaffAccount> {
  const address = z.email().parse(normalise(email));
  if (await findUserByEmail(db, address)) throw new Error(`A user with the email ${address} already exists.`);
  const row = {
    id: randomUUID(),
    email: address,
    role,
    password_hash: await hashPassword(newPasswordSchema.parse(password)),
    created_at: new Date().toISOString(),
    disabled_at: null,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('staff_user').values(row).execute();
    if (role === 'admin') return;
    for (const entityId of entities) await grantEntity(trx, { userId: row.id, entityId, role, grantedBy });
  });
  return { id: row.id, email: row.email, role, disabled: false, created_at: row.created_at };
}

/** Sets a new password and signs the user out everywhere. */
export async function setPassword(db: Db, email: string, password: string): Promise<void> {
  const user = await requireUser(db, email);
  const password_hash = await hashPassword(newPasswordSchema.parse(password));
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('staff_user').set({ password_hash }).where('id', '=', user.id).execute();
    await trx.deleteFrom('staff_session').where('user_id', '=', user.id).execute();
  });
}

export async function setRole(db: Db, email: string, role: Role): Promise<void> {
  const user = await requireUser(db, email);
  await db.updateTable('staff_user').set({ role }).where('id', '=', user.id).execute();
}

/** A disabled account cannot sign in, and its sessions end now. */
export async function disableUser(db: Db, email: string): Promise<void> {
  const user = await requireUser(db, email);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('staff_user')
      .set({ disabled_at: new Date().toISOString() })
      .where('id', '=', user.id)
      .execute();
    await trx.deleteFrom('staff_session').where('user_id', '=', user.id).execute();
  });
}

export async function listUsers(db: Db): Promise<StaffAccount[]> {
  const rows = await db.selectFrom('staff_user').selectAll().orderBy('email').execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: roleSchema.parse(r.role),
    disabled: r.disabled_at !== null,
    created_at: r.created_at,
  }));
}

async function requireUser(db: Db, email: string) {
  const user = await findUserByEmail(db, email);
  if (!user) throw new Error(`No user with the email ${normalise(email)}.`);
  return user;
}
