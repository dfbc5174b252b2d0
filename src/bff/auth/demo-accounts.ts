/**
 * Demo mode's staff accounts: one operator and one viewer with well-known passwords, shown on
 * the sign-in page. They exist only in demo mode, which runs on simulated data.
 */
import type { DemoAccount } from '../../contract/session';
import type { Db } from '../db/database';
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
