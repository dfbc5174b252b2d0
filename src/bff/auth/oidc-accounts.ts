/**
 * The Sync Desk account of someone the identity provider signed in: found by (issuer, subject),
 * else linked by email to an account no identity holds yet, else created without a password.
 * What their groups grant is applied at every sign-in, so group changes take effect at the next.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { roleSchema, type Role } from '../../contract/session';
import type { Db } from '../db/database';
import { setIdpGrants } from './grants';
import { grantsForGroups, type GrantedByGroups, type GroupGrants } from './group-grants';
import { OidcSignInError, type OidcIdentity } from './oidc';

export type OidcAccount = { id: string; email: string; role: Role; granted: GrantedByGroups };

/**
 * The account-wide role that goes with what the groups grant: admin, else the strongest entity
 * role (which entities is the grants' business), else viewer.
 */
export function roleFor({ admin, grants }: GrantedByGroups): Role {
  if (admin) return 'admin';
  return grants.some((g) => g.role === 'operator') ? 'operator' : 'viewer';
}

export async function accountForIdentity(
  db: Db,
  identity: OidcIdentity,
  groupGrants: GroupGrants,
): Promise<OidcAccount> {
  const email = z.email().safeParse(identity.email?.trim().toLowerCase());
  if (!email.success) throw new OidcSignInError('oidc_no_email', 'the ID token has no usable email claim');
  const granted = grantsForGroups(identity.groups, groupGrants);
  // Without a mapping, roles are given in Sync Desk and the provider only says who someone is.
  const mapped = Object.keys(groupGrants).length > 0;

  const account = await db.transaction().execute(async (trx): Promise<OidcAccount> => {
    const linked = await trx
      .selectFrom('staff_user')
      .selectAll()
      .where('oidc_issuer', '=', identity.issuer)
      .where('oidc_subject', '=', identity.subject)
      .executeTakeFirst();
    const user =
      linked ??
      (await trx.selectFrom('staff_user').selectAll().where('email', '=', email.data).executeTakeFirst());
    if (user && user.id !== linked?.id && user.oidc_subject !== null) {
      throw new OidcSignInError(
        'oidc_email_taken',
        'the email belongs to an account linked to another identity',
        email.data,
      );
    }
    if (user?.disabled_at) throw new OidcSignInError('account_disabled', 'account disabled', user.email);

    const role = mapped ? roleFor(granted) : user ? roleSchema.parse(user.role) : 'viewer';
    if (user) {
      await trx
        .updateTable('staff_user')
        .set({ role, oidc_issuer: identity.issuer, oidc_subject: identity.subject })
        .where('id', '=', user.id)
        .execute();
      return { id: user.id, email: user.email, role, granted };
    }
    const id = randomUUID();
    await trx
      .insertInto('staff_user')
      .values({
        id,
        email: email.data,
        password_hash: null,
        role,
        created_at: new Date().toISOString(),
        disabled_at: null,
        oidc_issuer: identity.issuer,
        oidc_subject: identity.subject,
      })
      .execute();
    return { id, email: email.data, role, granted };
  });
  // Replaces what the groups granted last time; grants made in Sync Desk stay.
  await setIdpGrants(db, account.id, granted.grants);
  return account;
}
