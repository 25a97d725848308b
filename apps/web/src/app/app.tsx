import { AccessTokenSession } from '@pulse/client';
import { useEffect, useState } from 'react';
import { LoginForm } from '../features/login/login-form';
import type { Session } from '../features/login/session.types';
import { signInHint } from '../features/login/sign-in-hint';
import { apiBaseUrl } from '../realtime/endpoints';
import { SessionView } from './session-view';

type SignIn =
  | { readonly status: 'resuming' }
  | { readonly status: 'signed-out' }
  | { readonly status: 'signed-in'; readonly session: Session };

/**
 * Signed in from the `pulse_refresh` cookie when the browser has one (a reload, a restarted server), otherwise the
 * login form; the address (`/rooms/<name>`, a deep link) stays as it is, so signing in lands where it points.
 */
export function App() {
  const [signIn, setSignIn] = useState<SignIn>(() =>
    signInHint.present() ? { status: 'resuming' } : { status: 'signed-out' },
  );

  useEffect(() => {
    if (!signInHint.present()) return;
    let cancelled = false;
    AccessTokenSession.resume({ baseUrl: apiBaseUrl }).then(
      (tokens) => {
        if (!tokens) signInHint.set(false);
        if (cancelled) tokens?.dispose();
        else
          setSignIn(
            tokens
              ? { status: 'signed-in', session: { username: tokens.user.id, tokens } }
              : { status: 'signed-out' },
          );
      },
      () => !cancelled && setSignIn({ status: 'signed-out' }),
    );
    return () => {
      cancelled = true;
    };
  }, []);

  if (signIn.status === 'resuming') {
    return (
      <main className="content content--center" aria-busy="true">
        <p className="muted">Signing you in…</p>
      </main>
    );
  }
  if (signIn.status === 'signed-out') {
    return (
      <main className="content content--center">
        <LoginForm
          onLoggedIn={(session) => {
            signInHint.set(true);
            setSignIn({ status: 'signed-in', session });
          }}
        />
      </main>
    );
  }
  const { session } = signIn;
  const signOut = () => {
    signInHint.set(false);
    setSignIn({ status: 'signed-out' });
    void session.tokens.signOut().catch(() => undefined);
  };
  return <SessionView key={session.username} session={session} onSignOut={signOut} />;
}
