import { AdminConsolePage } from '../features/admin/admin-console-page';
import { ConsoleLink } from '../features/admin/console-link';
import { tokenHasAdminRole } from '../features/admin/console-route';
import { GameRoom } from '../features/game/game-room';
import { LobbyPage } from '../features/lobby/lobby-page';
import type { Session } from '../features/login/session.types';
import { NotesPage } from '../features/notes/notes-page';
import { ThemeToggle } from '../features/theme/theme-toggle';
import { TickerPage } from '../features/ticker/ticker-page';
import { PulseClientContext } from '../realtime/pulse-context';
import { useConnection } from '../realtime/use-connection';
import { useNetworkOnline } from '../realtime/use-network-online';
import { ConnectionBanner } from './connection-banner';
import { useRoute } from './use-route';

export function SessionView({
  session,
  onSignOut,
}: {
  readonly session: Session;
  readonly onSignOut: () => void;
}) {
  const { client, state, rtt, reconnect } = useConnection(session.tokens);
  const networkOnline = useNetworkOnline();
  const { route, navigate } = useRoute();

  return (
    <PulseClientContext value={client}>
      <header className="top-bar">
        <h1 className="brand">Pulse</h1>
        <nav aria-label="Pages">
          <button
            type="button"
            className="secondary"
            onClick={() => navigate(route.page === 'ticker' ? { page: 'lobby' } : { page: 'ticker' })}
          >
            {route.page === 'ticker' ? 'Rooms' : 'Live ticker'}
          </button>
          {tokenHasAdminRole(session.tokens.accessToken) && (
            <ConsoleLink onOpen={() => navigate({ page: 'admin' })} />
          )}
        </nav>
        <span className="muted">Signed in as {session.username}</span>
        <ThemeToggle />
        <button type="button" className="secondary" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <ConnectionBanner
        state={state}
        rtt={rtt}
        onReconnect={reconnect}
        onSignOut={onSignOut}
        networkOnline={networkOnline}
      />
      <main className="content">
        {route.page === 'admin' ? (
          <AdminConsolePage tokens={session.tokens} username={session.username} />
        ) : route.page === 'ticker' ? (
          <TickerPage tokens={session.tokens} />
        ) : route.page === 'lobby' ? (
          <LobbyPage tokens={session.tokens} onJoin={(room) => navigate({ page: 'room', room })} />
        ) : route.page === 'notes' ? (
          <NotesPage
            key={route.room}
            room={route.room}
            username={session.username}
            tokens={session.tokens}
            onBack={() => navigate({ page: 'room', room: route.room })}
            onSignOut={onSignOut}
          />
        ) : (
          <GameRoom
            key={route.room}
            room={route.room}
            onLeave={() => navigate({ page: 'lobby' })}
            onOpenNotes={() => navigate({ page: 'notes', room: route.room })}
          />
        )}
      </main>
    </PulseClientContext>
  );
}
