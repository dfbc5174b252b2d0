/**
 * Demo mode's staff accounts with well-known passwords, shown on the sign-in page: an admin, an
 * operator and a viewer of every entity, and a bookkeeper who operates on one entity only. Also
 * the people of the demo identity provider (src/oidc-provider) and the groups that grant them
 * access. They exist only in demo mode, which runs on simulated data.
 */
import { ALL_ENTITIES, type DemoAccount } from '../../contract/session';
import type { Db } from '../db/database';
import type { DemoIdentity } from '../../oidc-provider/demo-provider';
import { grantEntity } from './grants';
import type { GroupGrants } from './group-grants';
import { verifyPassword } from './passwords';
import { addUser, findUserByEmail, setPassword, setRole } from './users';

const ACCOUNTS: (Omit<DemoAccount, 'entity'> & { oneEntity?: true })[] = [
  { email: 'admin@example.com', password: 'demo-admin-password', role: 'admin' },
  { email: 'operator@example.com', password: 'demo-operator-password', role: 'operator' },
  { email: 'viewer@example.com', password: 'demo-viewer-password', role: 'viewer' },
  {
    email: 'bookkeeper@example.com',
    password: 'demo-bookkeeper-password',
    role: 'operator',
    oneEntity: true,
  },
];

/** Creates the accounts (or puts them back as the sign-in page describes them); `entity` is the bookkeeper's. */
export async function ensureDemoAccounts(
  db: Db,
  entity: { id: string; name: string },
): Promise<DemoAccount[]> {
  const shown: DemoAccount[] = [];
  for (const { oneEntity, ...account } of ACCOUNTS) {
    const entities = [oneEntity ? entity.id : ALL_ENTITIES];
    const existing = await findUserByEmail(db, account.email);
    if (existing) {
      // Someone may have changed them (CLI, admin page): the sign-in page must stay true.
      if (existing.role !== account.role) await setRole(db, account.email, account.role);
      if (
        existing.password_hash === null ||
        !(await verifyPassword(account.password, existing.password_hash))
      ) {
        await setPassword(db, account.email, account.password);
      }
      if (account.role !== 'admin') {
        await db
          .deleteFrom('entity_grant')
          .where('user_id', '=', existing.id)
          .where('source', '=', 'sync-desk')
          .execute();
        await grantEntity(db, {
          userId: existing.id,
          entityId: entities[0]!,
          role: account.role,
          grantedBy: 'demo mode',
        });
      }
    } else {
      await addUser(db, account.email, account.role, account.password, { entities, grantedBy: 'demo mode' });
    }
    shown.push({ ...account, ...(oneEntity && { entity: entity.name }) });
  }
  return shown;
}

/** An admin, a bookkeeper who looks after one client (entity), and someone no group grants anything. */
export const demoIdentities = (): DemoIdentity[] => [
  { sub: 'demo-admin', email: 'ada.admin@example.com', name: 'Ada Admin', groups: ['sync-desk-admins'] },
  {
    sub: 'demo-bookkeeper',
    email: 'bo.bookkeeper@example.com',
    name: 'Bo Bookkeeper',
    groups: ['bookkeepers-one-client'],
  },
  { sub: 'demo-newcomer', email: 'nia.newcomer@example.com', name: 'Nia Newcomer', groups: [] },
];

/** The demo's OIDC_GROUP_GRANTS: the bookkeepers' group operates one entity. */
export const demoGroupGrants = (bookkeepersEntityId: string): GroupGrants => ({
  'sync-desk-admins': { admin: true },
  'bookkeepers-one-client': { entities: { [bookkeepersEntityId]: 'operator' } },
});

/**
 * The demo provider is new at every start (a new issuer: its port may change), so the demo
 * people's accounts are unlinked from the last one's identities, to be linked again by email.
 */
export async function unlinkDemoIdentities(db: Db): Promise<void> {
  await db
    .updateTable('staff_user')
    .set({ oidc_issuer: null, oidc_subject: null })
    .where(
      'email',
      'in',
      demoIdentities().map((i) => i.email),
    )
    .execute();
}
