import { AccessTokenSession } from '@pulse/client';
import { useId, useState, type FormEvent } from 'react';
import { apiBaseUrl } from '../../realtime/endpoints';
import { DEV_PASSWORD, DEV_USERS } from './dev-users';
import { loginErrorMessage } from './login-error-message';
import type { Session } from './session.types';

export interface LoginFormProps {
  readonly onLoggedIn: (session: Session) => void;
  /** @default AccessTokenSession.signIn from @pulse/client, on this origin */
  readonly authenticate?: (username: string, password: string) => Promise<AccessTokenSession>;
}

const signIn = (username: string, password: string) =>
  AccessTokenSession.signIn(username, password, { baseUrl: apiBaseUrl });

export function LoginForm({ onLoggedIn, authenticate = signIn }: LoginFormProps) {
  const [username, setUsername] = useState<string>(DEV_USERS[0]);
  const [password, setPassword] = useState(DEV_PASSWORD);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const usersListId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      const tokens = await authenticate(username.trim(), password);
      onLoggedIn({ username: username.trim(), tokens });
    } catch (failure) {
      setError(loginErrorMessage(failure));
      setPending(false);
    }
  }

  return (
    <form className="card login-form" onSubmit={submit} aria-labelledby="login-title">
      <h1 id="login-title">Sign in to Pulse</h1>
      <label>
        Username
        <input
          name="username"
          list={usersListId}
          autoComplete="username"
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </label>
      <datalist id={usersListId}>
        {DEV_USERS.map((user) => (
          <option key={user} value={user} />
        ))}
      </datalist>
      <label>
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
      <p className="hint">
        Development users: {DEV_USERS.join(', ')} — password “{DEV_PASSWORD}”.
      </p>
    </form>
  );
}
