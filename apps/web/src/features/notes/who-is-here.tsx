import type { CSSProperties } from 'react';
import type { CollabPeer } from '../../realtime/use-collab-document';

/** Everyone with the notes open, each in the colour of their caret. */
export function WhoIsHere({ peers }: { readonly peers: readonly CollabPeer[] }) {
  return (
    <section className="card presence" aria-labelledby="who-title">
      <h3 id="who-title">
        Who is here <span className="muted">({peers.length})</span>
      </h3>
      <ul aria-label="Who is here">
        {peers.map((peer) => (
          <li
            key={peer.clientId}
            className="is-online"
            style={{ '--player-colour': peer.colour } as CSSProperties}
          >
            <span className="presence__dot" aria-hidden="true" />
            {peer.name}
            {peer.self && ' (you)'}
          </li>
        ))}
      </ul>
    </section>
  );
}
