/** Socket.IO event maps shared by the Socket.IO baseline server and the bench's Socket.IO client. */
export interface SioMove {
  room: string;
  x: number;
  y: number;
}

export interface SioMoveEvent extends SioMove {
  player: string;
  seq: number;
}

export interface SioClientEvents {
  join: (room: string, ack: () => void) => void;
  move: (move: SioMove) => void;
  rtt: (t: number) => void;
}

export interface SioServerEvents {
  move: (event: SioMoveEvent) => void;
  rtt: (t: number) => void;
}
