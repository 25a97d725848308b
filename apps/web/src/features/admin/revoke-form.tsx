import { useState, type FormEvent } from 'react';
import { apiBaseUrl } from '../../realtime/endpoints';
import type { AccessTokens } from '../login/session.types';
import { revokeUser } from './revoke-user';

/** Revokes a user by id, after a confirmation, and says what happened. */
export function RevokeForm({
  tokens,
  confirm = (text) => window.confirm(text),
}: {
  readonly tokens: AccessTokens;
  readonly confirm?: (text: string) => boolean;
}) {
  const [userId, setUserId] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ readonly ok: boolean; readonly text: string } | null>(null);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const id = userId.trim();
    if (!id || !confirm(`Revoke ${id}? Their sockets close on every node and they must sign in again.`))
      return;
    setBusy(true);
    const outcome = await tokens.currentAccessToken().then(
      (accessToken) => revokeUser(apiBaseUrl, accessToken, id),
      () => ({ ok: false as const, message: 'Your session has ended; sign in again to revoke.' }),
    );
    setBusy(false);
    setResult(
      outcome.ok
        ? {
            ok: true,
            text: `Revoked ${outcome.revocation.userId}: their sockets were closed on every node, and their tokens no longer work.`,
          }
        : { ok: false, text: outcome.message },
    );
  }

  return (
    <section className="card console-panel" aria-labelledby="console-revoke">
      <h3 id="console-revoke">Revoke a user</h3>
      <form className="console-revoke" onSubmit={(event) => void submit(event)}>
        <label>
          User id
          <input
            value={userId}
            onChange={(event) => setUserId(event.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </label>
        <button type="submit" disabled={busy || userId.trim() === ''}>
          Revoke
        </button>
      </form>
      {result && (
        <p role={result.ok ? 'status' : 'alert'} className={result.ok ? 'console-ok' : 'console-error'}>
          {result.text}
        </p>
      )}
    </section>
  );
}
