/**
 * The servers a scenario can run against. `pulse` and `pulse-sio` are the same Pulse server, reached over its
 * native WebSocket transport and over its Socket.IO transport; `ws` and `socket.io` are the baselines in
 * `tools/bench/baselines/`.
 */
export const SERVER_KINDS = ['pulse', 'ws', 'socket.io', 'pulse-sio'] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];

export const SERVER_LABELS: Record<ServerKind, string> = {
  pulse: 'Pulse',
  ws: 'plain ws',
  'socket.io': 'plain Socket.IO',
  'pulse-sio': 'Pulse over Socket.IO',
};

export function isServerKind(value: string): value is ServerKind {
  return (SERVER_KINDS as readonly string[]).includes(value);
}

/** Whether the kind is a Pulse server (started from dist/apps/api). */
export function isPulse(kind: ServerKind): kind is 'pulse' | 'pulse-sio' {
  return kind === 'pulse' || kind === 'pulse-sio';
}
