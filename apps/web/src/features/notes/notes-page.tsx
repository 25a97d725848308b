import { ConnectionBanner } from '../../app/connection-banner';
import { useCollabDocument } from '../../realtime/use-collab-document';
import { useNetworkOnline } from '../../realtime/use-network-online';
import { playerColourHex } from '../game/player-colour';
import type { AccessTokens } from '../login/session.types';
import { NotesEditor } from './notes-editor';
import { WhoIsHere } from './who-is-here';

export interface NotesPageProps {
  readonly room: string;
  readonly username: string;
  readonly tokens: AccessTokens;
  readonly onBack: () => void;
  readonly onSignOut: () => void;
}

/** The room's shared notes: one Yjs document named like the room, edited by everyone in it at once. */
export function NotesPage({ room, username, tokens, onBack, onSignOut }: NotesPageProps) {
  const { doc, provider, link, peers, access, reconnect } = useCollabDocument(room, tokens, {
    name: username,
    colour: playerColourHex(username),
  });
  const networkOnline = useNetworkOnline();

  return (
    <section className="notes" aria-labelledby="notes-title">
      <header className="game-room__header">
        <h2 id="notes-title">Notes of room “{room}”</h2>
        <button type="button" className="secondary" onClick={onBack}>
          Back to the game
        </button>
      </header>
      <div className="notes__banner">
        <ConnectionBanner
          state={link}
          rtt={undefined}
          showRtt={false}
          onReconnect={reconnect}
          onSignOut={onSignOut}
          networkOnline={networkOnline}
        />
      </div>
      <div className="game-room__layout">
        <div className="card notes__sheet">
          {access === 'read' && (
            <p className="notes__notice">
              Read only: you follow these notes, but only their editors can change them.
            </p>
          )}
          {access === 'none' && <p className="notes__notice">You may not open these notes.</p>}
          {provider ? (
            <NotesEditor
              text={doc.getText('notes')}
              awareness={provider.awareness}
              readOnly={access === 'read'}
            />
          ) : null}
        </div>
        <div className="game-room__side">
          <WhoIsHere peers={peers} />
        </div>
      </div>
    </section>
  );
}
