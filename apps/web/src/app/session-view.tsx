import { useState } from 'react';
import { GameRoom } from '../features/game/game-room';
import { LobbyPage } from '../features/lobby/lobby-page';
import type { Session } from '../features/login/session.types';
import { TickerPage } from '../features/ticker/ticker-page';
import { PulseClientContext } from '../realtime/pulse-context';
import { useConnection } from '../realtime/use-connection';
import { useNetworkOnline } from '../realtime/use-network-online';
import { ConnectionBanner } from './connection-banner';

export function SessionView({ session, onSignOut }: { readonly session: Session; readonly onSignOut: () => void }) {
  const { client, state, rtt, reconnect } = useConnection(session.accessToken);
  const networkOnline = useNetworkOnline();
  const [room, setRoom] = useState<string | null>(null);
  const [page, setPage] = useState<'rooms' | 'ticker'>('rooms');

  return (
    <PulseClientContext value={client}>
      <header className="top-bar">
        <span className="brand">Pulse</span>
        <nav aria-label="Pages">
          <button type="button" className="secondary" onClick={() => setPage(page === 'ticker' ? 'rooms' : 'ticker')}>
            {page === 'ticker' ? 'Rooms' : 'Live ticker'}
          </button>
        </nav>
        <span className="muted">Signed in as {session.username}</span>
        <button type="button" className="secondary" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <ConnectionBanner state={state} rtt={rtt} onReconnect={reconnect} onSignOut={onSignOut} networkOnline={networkOnline} />
      <main className="content">
        {page === 'ticker' ? (
          <TickerPage accessToken={session.accessToken} />
        ) : room === null ? (
          <LobbyPage accessToken={session.accessToken} onJoin={setRoom} />
        ) : (
          <GameRoom key={room} room={room} onLeave={() => setRoom(null)} />
        )}
      </main>
    </PulseClientContext>
  );
}
