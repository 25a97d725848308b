import { GAME_BOARD, type ServerMessageOf } from '@pulse/protocol';

export type Player = ServerMessageOf<'snapshot'>['players'][number];

type Snapshot = ServerMessageOf<'snapshot'>;

export interface RoomState {
  readonly room: string;
  /** This user's player id, known from the first snapshot. */
  readonly self: string | undefined;
  /** The room's latest sequence number; events at or below it are already applied. */
  readonly seq: number | undefined;
  readonly players: Readonly<Record<string, Player>>;
  /** The board in cells, from the latest snapshot; the protocol's default until one names it. */
  readonly board: { readonly width: number; readonly height: number };
  /**
   * Where this user stood when a later snapshot put them elsewhere: the server lost the position (a restarted node
   * keeps its rooms in memory, so the room is rebuilt from what each page re-sends) or never applied a move sent
   * while the link was down. The state keeps this position, and `useRoom` sends it again. A new object per snapshot
   * that needs it; undefined after one that agrees.
   */
  readonly restore: { readonly x: number; readonly y: number } | undefined;
}

export type RoomAction =
  | Snapshot
  | ServerMessageOf<'presence'>
  | ServerMessageOf<'move'>
  /** This user moved; applied locally since the server does not echo a move to its sender. */
  | { readonly type: 'self-move'; readonly x: number; readonly y: number };

export function initialRoomState(room: string): RoomState {
  return { room, self: undefined, seq: undefined, players: {}, restore: undefined, board: GAME_BOARD };
}

function isStale(state: RoomState, seq: number | undefined): boolean {
  return seq !== undefined && state.seq !== undefined && seq <= state.seq;
}

function withPlayer(state: RoomState, player: Player, seq: number | undefined): RoomState {
  const nextSeq = seq === undefined ? state.seq : Math.max(seq, state.seq ?? seq);
  return { ...state, seq: nextSeq, players: { ...state.players, [player.id]: player } };
}

function applyPresence(state: RoomState, event: ServerMessageOf<'presence'>): RoomState {
  const known = state.players[event.player];
  if (event.status === 'offline') {
    return known ? withPlayer(state, { ...known, online: false }, event.seq) : state;
  }
  const player: Player = {
    id: event.player,
    name: event.name ?? known?.name ?? event.player,
    x: event.x ?? known?.x ?? 0,
    y: event.y ?? known?.y ?? 0,
    online: true,
  };
  return withPlayer(state, player, event.seq);
}

/** This user's position before `snapshot`, when the snapshot puts them somewhere else (see `RoomState.restore`). */
function positionToRestore(state: RoomState, snapshot: Snapshot): RoomState['restore'] {
  if (state.self === undefined || state.self !== snapshot.self) return undefined;
  const before = state.players[state.self];
  const after = snapshot.players.find((player) => player.id === snapshot.self);
  if (!before || !after || (before.x === after.x && before.y === after.y)) return undefined;
  return { x: before.x, y: before.y };
}

function fromSnapshot(state: RoomState, snapshot: Snapshot): RoomState {
  const players: Record<string, Player> = Object.fromEntries(
    snapshot.players.map((player) => [player.id, player]),
  );
  const restore = positionToRestore(state, snapshot);
  const self = players[snapshot.self];
  if (restore && self) players[snapshot.self] = { ...self, ...restore };
  return {
    room: state.room,
    self: snapshot.self,
    seq: snapshot.seq,
    players,
    restore,
    board: snapshot.board ?? state.board,
  };
}

/** The state of one room, fed by the SDK's events for every room; events of other rooms are ignored. */
export function roomReducer(state: RoomState, action: RoomAction): RoomState {
  if (action.type === 'self-move') {
    const me = state.self === undefined ? undefined : state.players[state.self];
    return me ? withPlayer(state, { ...me, x: action.x, y: action.y }, undefined) : state;
  }
  if (action.room !== state.room) return state;
  switch (action.type) {
    case 'snapshot':
      return fromSnapshot(state, action);
    case 'presence':
      return isStale(state, action.seq) ? state : applyPresence(state, action);
    case 'move': {
      if (isStale(state, action.seq)) return state;
      const known = state.players[action.player];
      const player = {
        id: action.player,
        name: known?.name ?? action.player,
        x: action.x,
        y: action.y,
        online: true,
      };
      return withPlayer(state, player, action.seq);
    }
  }
}

/** Players for lists: online first, then by name. */
export function playersInOrder(state: RoomState): Player[] {
  return Object.values(state.players).sort(
    (a, b) => Number(b.online) - Number(a.online) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );
}
