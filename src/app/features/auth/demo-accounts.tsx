import type { SessionResponse } from '../../../contract/session';
import { Button } from '../../components/button';
import { roleLabel } from './role-badge';

type DemoAccount = NonNullable<SessionResponse['demo_accounts']>[number];

/** Demo mode only: the seeded staff accounts, one click to fill the form with each. */
export function DemoAccounts({
  accounts,
  onPick,
}: {
  accounts: DemoAccount[];
  onPick: (account: DemoAccount) => void;
}) {
  return (
    <section
      aria-labelledby="demo-accounts-title"
      className="rounded-lg bg-amber-50 p-4 text-sm ring-1 ring-amber-200"
    >
      <h2 id="demo-accounts-title" className="font-semibold text-amber-900">
        Demo accounts
      </h2>
      <p className="mt-1 text-amber-800">This is a demo: sign in as any of these staff members.</p>
      <table className="mt-3 w-full text-left">
        <thead className="text-xs text-amber-800">
          <tr>
            <th scope="col" className="py-1 pr-3 font-medium">
              Email
            </th>
            {/* On a phone the table would overflow; Use fills the password in anyway. */}
            <th scope="col" className="hidden py-1 pr-3 font-medium sm:table-cell">
              Password
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              Role
            </th>
            <th scope="col">
              <span className="sr-only">Use</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr key={account.email}>
              <td className="py-1 pr-3 font-mono text-xs break-all text-slate-900">{account.email}</td>
              <td className="hidden py-1 pr-3 font-mono text-xs text-slate-900 sm:table-cell">
                {account.password}
              </td>
              <td className="py-1 pr-3 text-slate-700">
                {roleLabel(account.role)}
                {account.entity && ` of ${account.entity} only`}
              </td>
              <td className="py-1 text-right">
                <Button size="sm" aria-label={`Use ${account.email}`} onClick={() => onPick(account)}>
                  Use
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
