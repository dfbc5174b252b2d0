import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { useSignIn } from '../../api/sign-in';
import { Button } from '../../components/button';
import { Spinner } from '../../components/spinner';
import { signInSchema, type SignIn } from '../../../contract/session';
import { SignInError, useRetryCountdown } from './sign-in-error';
import { TextField } from './text-field';

type FieldErrors = Partial<Record<keyof SignIn, string>>;

function validate(credentials: SignIn): FieldErrors {
  const parsed = signInSchema.safeParse(credentials);
  if (parsed.success) return {};
  const failed = new Set(parsed.error.issues.map((issue) => issue.path[0]));
  return {
    email: !failed.has('email')
      ? undefined
      : credentials.email.trim()
        ? 'Enter a valid email address.'
        : 'Enter your email address.',
    password: failed.has('password') ? 'Enter your password.' : undefined,
  };
}

type SignInFormProps = { credentials: SignIn; onChange: (credentials: SignIn) => void };

/** Email and password; says exactly why a sign-in failed and, when rate-limited, for how long. */
export function SignInForm({ credentials, onChange }: SignInFormProps) {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const signIn = useSignIn();
  const retryAfter = signIn.error instanceof ApiError ? signIn.error.retryAfter : undefined;
  const secondsLeft = useRetryCountdown(retryAt, retryAfter);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = { ...credentials, email: credentials.email.trim() };
    const errors = validate(trimmed);
    setFieldErrors(errors);
    if (errors.email || errors.password) return;
    signIn.mutate(trimmed, {
      onError: (error) =>
        setRetryAt(
          error instanceof ApiError && error.retryAfter !== undefined
            ? Date.now() + error.retryAfter * 1000
            : null,
        ),
    });
  };

  const edit = (patch: Partial<SignIn>) => {
    onChange({ ...credentials, ...patch });
    setFieldErrors((errors) => ({
      ...errors,
      ...Object.fromEntries(Object.keys(patch).map((k) => [k, undefined])),
    }));
  };

  return (
    <form noValidate onSubmit={submit} className="space-y-4">
      <TextField
        label="Email"
        type="email"
        autoComplete="username"
        value={credentials.email}
        error={fieldErrors.email}
        onChange={(email) => edit({ email })}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        value={credentials.password}
        error={fieldErrors.password}
        onChange={(password) => edit({ password })}
      />
      {signIn.error && !signIn.isPending && <SignInError error={signIn.error} secondsLeft={secondsLeft} />}
      <Button
        type="submit"
        variant="primary"
        className="w-full"
        disabled={signIn.isPending || secondsLeft > 0}
      >
        {signIn.isPending && <Spinner />}
        {signIn.isPending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
