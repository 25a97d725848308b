import { useState } from 'react';
import { LoginForm } from '../features/login/login-form';
import type { Session } from '../features/login/session.types';
import { SessionView } from './session-view';

export function App() {
  const [session, setSession] = useState<Session | null>(null);
  if (!session) {
    return (
      <main className="content content--center">
        <LoginForm onLoggedIn={setSession} />
      </main>
    );
  }
  return <SessionView key={session.accessToken} session={session} onSignOut={() => setSession(null)} />;
}
