import { useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { useSession } from '../../api/session';
import { useReleaseFirstScreen } from '../../lib/use-release-first-screen';
import type { SignIn } from '../../../contract/session';
import { DemoAccounts } from './demo-accounts';
import { ProviderSignIn, ProviderSignInError } from './provider-sign-in';
import { safeNext } from './safe-next';
import { SignInForm } from './sign-in-form';

/** `/sign-in?next=…`: once signed in (now or already), on to `next` if it is ours, else home. */
export function SignInPage() {
  const [params] = useSearchParams();
  const session = useSession();
  // A session that ended between the server's first screen and the app: sign in, not its rows.
  useReleaseFirstScreen();
  const [credentials, setCredentials] = useState<SignIn>({ email: '', password: '' });

  // Signed in (just now, or already): on to `next`. Not on a stale answer: right after signing
  // out, the cache still names the person until the session is asked again.
  if (session.data?.user && !session.isStale) return <Navigate to={safeNext(params.get('next'))} replace />;
  const demoAccounts = session.data?.demo_accounts ?? [];
  // Until the BFF has said, the password form shows (it is what most deployments offer).
  const passwordSignIn = session.data?.sign_in?.password ?? true;
  const providerName = session.data?.sign_in?.oidc_name ?? null;

  return (
    <main className="flex min-h-dvh items-start justify-center bg-slate-100 px-4 py-16">
      <div className="w-full max-w-md space-y-6">
        <div className="flex items-center gap-2 text-lg font-semibold text-slate-900">
          <span aria-hidden="true" className="size-3 rounded-sm bg-indigo-500" />
          Sync Desk
        </div>
        <section
          aria-labelledby="sign-in-title"
          className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200"
        >
          <h1 id="sign-in-title" className="mb-4 text-base font-semibold text-slate-900">
            Sign in
          </h1>
          <div className="space-y-4">
            <ProviderSignInError code={params.get('error')} />
            {providerName && (
              <ProviderSignIn name={providerName} next={params.get('next')} primary={!passwordSignIn} />
            )}
            {providerName && passwordSignIn && (
              <p className="text-center text-xs text-slate-500" aria-hidden="true">
                or with your Sync Desk password
              </p>
            )}
            {passwordSignIn && <SignInForm credentials={credentials} onChange={setCredentials} />}
          </div>
        </section>
        {demoAccounts.length > 0 && (
          <DemoAccounts
            accounts={demoAccounts}
            onPick={({ email, password }) => setCredentials({ email, password })}
          />
        )}
      </div>
    </main>
  );
}
