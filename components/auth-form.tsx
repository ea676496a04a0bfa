'use client';

import { ChatApiError, unwrap } from '@chat/sdk';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useId, useState, type FormEvent } from 'react';
import { chatClient } from '@/lib/client/chat-client';

type Mode = 'sign-in' | 'sign-up';
type FieldErrors = Partial<Record<'name' | 'email' | 'password' | 'form', string>>;

const FIELD_OF: Record<string, keyof FieldErrors> = { name: 'name', email: 'email', password: 'password' };

/**
 * `notice`: why this account may not sign in (a suspension or ban), shown
 * from the start. `status`: plain news for the person, such as their account
 * deletion having gone through.
 */
export function AuthForm({ mode, notice, status }: { mode: Mode; notice?: string; status?: string }) {
  const router = useRouter();
  const id = useId();
  const [errors, setErrors] = useState<FieldErrors>(notice ? { form: notice } : {});
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '');
    const password = String(form.get('password') ?? '');
    setBusy(true);
    setErrors({});
    try {
      if (mode === 'sign-up') {
        const name = String(form.get('name') ?? '');
        try {
          unwrap(await chatClient().rest.POST('/api/v1/auth/register', { body: { name, email, password } }));
        } catch (e) {
          if (!(e instanceof ChatApiError)) throw e;
          const [field, ...rest] = e.message.split(': ');
          const key = field && rest.length > 0 ? FIELD_OF[field] : undefined;
          setErrors(key ? { [key]: rest.join(': ') } : { form: e.message });
          return;
        }
      }
      const result = await signIn('credentials', { email, password, redirect: false });
      if (!result || result.error) {
        // next-auth reports a wrong password as "CredentialsSignin"; the throttle's
        // and a suspension's messages are for people.
        const told = /^(Too many|This account)/.test(result?.error ?? '');
        setErrors({ form: (told && result?.error) || 'The email or password is incorrect.' });
        return;
      }
      router.replace('/chat');
      router.refresh();
    } catch {
      setErrors({ form: 'We could not reach the server. Check your connection and try again.' });
    } finally {
      setBusy(false);
    }
  }

  const title = mode === 'sign-up' ? 'Create your account' : 'Sign in';
  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center gap-6 p-6">
      <h1 className="text-3xl font-bold tracking-tight">{title}</h1>
      {status && (
        <p
          role="status"
          className="rounded-lg bg-blue-50 p-3 text-sm text-blue-950 dark:bg-blue-950 dark:text-blue-100"
        >
          {status}
        </p>
      )}
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-describedby={`${id}-form`}>
        {mode === 'sign-up' && (
          <Field id={`${id}-name`} name="name" label="Name" autoComplete="name" error={errors.name} />
        )}
        <Field
          id={`${id}-email`}
          name="email"
          label="Email"
          type="email"
          autoComplete="email"
          error={errors.email}
        />
        <Field
          id={`${id}-password`}
          name="password"
          label="Password"
          type="password"
          autoComplete={mode === 'sign-up' ? 'new-password' : 'current-password'}
          hint={mode === 'sign-up' ? 'At least 8 characters.' : undefined}
          error={errors.password}
        />
        <p id={`${id}-form`} role="alert" className="min-h-5 text-sm text-red-700 dark:text-red-400">
          {errors.form}
        </p>
        <button
          type="submit"
          disabled={busy}
          className="rounded-lg bg-blue-700 px-4 py-2.5 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
        >
          {busy ? 'Please wait…' : mode === 'sign-up' ? 'Create account' : 'Sign in'}
        </button>
      </form>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {mode === 'sign-up' ? (
          <>
            Already have an account?{' '}
            <Link href="/sign-in" className="font-medium text-blue-700 underline dark:text-blue-400">
              Sign in
            </Link>
          </>
        ) : (
          <>
            New here?{' '}
            <Link href="/sign-up" className="font-medium text-blue-700 underline dark:text-blue-400">
              Create an account
            </Link>
          </>
        )}
      </p>
    </main>
  );
}

function Field(props: {
  id: string;
  name: string;
  label: string;
  type?: string;
  autoComplete: string;
  hint?: string;
  error?: string;
}) {
  const describedBy = [props.hint && `${props.id}-hint`, props.error && `${props.id}-error`]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={props.id} className="font-medium">
        {props.label}
      </label>
      <input
        id={props.id}
        name={props.name}
        type={props.type ?? 'text'}
        autoComplete={props.autoComplete}
        required
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy || undefined}
        className="rounded-lg border border-slate-400 bg-white px-3 py-2 text-slate-900 dark:border-slate-500 dark:bg-slate-800 dark:text-slate-100"
      />
      {props.hint && (
        <p id={`${props.id}-hint`} className="text-sm text-slate-600 dark:text-slate-400">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={`${props.id}-error`} className="text-sm text-red-700 dark:text-red-400">
          {props.error}
        </p>
      )}
    </div>
  );
}
