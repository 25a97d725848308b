import type { Player } from '../../realtime/room.reducer';

export function PresenceList({ players, selfId }: { readonly players: readonly Player[]; readonly selfId?: string }) {
  const online = players.filter((player) => player.online).length;
  return (
    <section className="card presence" aria-labelledby="presence-title">
      <h3 id="presence-title">
        Players <span className="muted">({online} online)</span>
      </h3>
      <ul>
        {players.map((player) => (
          <li key={player.id} className={player.online ? 'is-online' : 'is-offline'}>
            <span className="presence__dot" aria-hidden="true" />
            {player.name}
            {player.id === selfId && ' (you)'}
            <span className="visually-hidden">{player.online ? ', online' : ', offline'}</span>
          </li>
        ))}
        {players.length === 0 && <li className="muted">Waiting for the room…</li>}
      </ul>
    </section>
  );
}
