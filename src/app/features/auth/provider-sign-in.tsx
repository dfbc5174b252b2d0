import { OIDC_ERRORS, OIDC_START_PATH } from '../../../contract/session';

/**
 * "Sign in with <name>": a plain link, so the browser itself goes to the BFF, which sends it on to
 * the identity provider (a top-level navigation; no script handles any token).
 */
export function ProviderSignIn({
  name,
  next,
  primary,
}: {
  name: string;
  next: string | null;
  primary: boolean;
}) {
  const href = next ? `${OIDC_START_PATH}?${new URLSearchParams({ next })}` : OIDC_START_PATH;
  return (
    <a
      href={href}
      className={
        'flex h-8 w-full items-center justify-center rounded-md px-3 text-sm font-medium shadow-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 ' +
        (primary
          ? 'bg-indigo-600 text-white hover:bg-indigo-500'
          : 'bg-white text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50')
      }
    >
      Sign in with {name}
    </a>
  );
}

/** Why the identity provider's sign-in came back without a session (`?error=` from the callback). */
export function ProviderSignInError({ code }: { code: string | null }) {
  if (!code || !Object.hasOwn(OIDC_ERRORS, code)) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
      {OIDC_ERRORS[code as keyof typeof OIDC_ERRORS]}
    </p>
  );
}
