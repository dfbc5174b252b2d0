/**
 * Demo mode's staff accounts: one operator and one viewer with well-known passwords, shown on
 * the sign-in page, and the people of the demo identity provider (demo-provider.ts) with the
 * groups that grant them access. They exist only in demo mode, which runs on simulated data.
 */
import type { DemoAccount } from '../../contract/session';
import type { Db } from '../db/database';
import type { DemoIdentity } from '../../oidc-provider/demo-provider';
import type { GroupGrants } from './group-grants';
import { verifyPassword } from './passwords';
import { addUser, findUserByEmail, setPassword, setRole } from './users';

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'operator@example.com', password: 'demo-operator-password', role: 'operator' },
  { email: 'viewer@example.com', password: 'demo-viewer-password', role: 'viewer' },
];

export async function ensureDemoAccounts(db: Db): Promise<DemoAccount[]> {
  for (const account of DEMO_ACCOUNTS) {
    const existing = await findUserByEmail(db, account.email);
    if (existing) {
      // Someone may have changed them from the CLI: the sign-in page must stay true.
      if (existing.role !== account.role) await setRole(db, account.email, account.role);
      if (
        existing.password_hash === null ||
        !(await verifyPassword(account.password, existing.password_hash))
      ) {
        await setPassword(db, account.email, account.password);
      }
    } else {
      await addUser(db, account.email, account.role, account.password);
    }
  }
  return DEMO_ACCOUNTS;
}

/** An admin, a bookkeeper who looks after one client (entity), and someone no group grants anything. */
export const demoIdentities = (): DemoIdentity[] => [
  { sub: 'demo-admin', email: 'admin@example.com', name: 'Ada Admin', groups: ['sync-desk-admins'] },
  {
    sub: 'demo-bookkeeper',
    email: 'bookkeeper@example.com',
    name: 'Bo Bookkeeper',
    groups: ['bookkeepers-one-client'],
  },
  { sub: 'demo-newcomer', email: 'newcomer@example.com', name: 'Nia Newcomer', groups: [] },
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
