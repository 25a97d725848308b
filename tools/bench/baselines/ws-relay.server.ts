/**
 * Baseline: the notes' plain `ws` server turned into a room relay. No auth: the client names itself with
 * `?user=`. `{"type":"join","room"}` joins (answered `{"type":"joined","room"}`), each move is serialised once
 * and sent to the room's other members as `{"type":"move","room","player","x","y","seq"}`, `ping` gets `pong`,
 * and a protocol ping every HEARTBEAT_INTERVAL_MS drops sockets that stayed silent (the notes' heartbeat).
 *
 * Run: node -r @swc-node/register tools/bench/baselines/ws-relay.server.ts   (env PORT, HOST, HEARTBEAT_INTERVAL_MS)
 */
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { announceListening, readBaselineEnv } from './baseline-env';
import { readRelayFrame } from './relay-frames';
import { RelayRooms } from './relay-rooms';
import { RoomSeqs } from './room-seqs';

interface Member {
  socket: WebSocket;
  user: string;
  rooms: Set<string>;
  alive: boolean;
}

const env = readBaselineEnv();
const rooms = new RelayRooms<Member>();
const seqs = new RoomSeqs();
const members = new Set<Member>();
const server = new WebSocketServer({
  host: env.host,
  port: env.port,
  perMessageDeflate: false,
  clientTracking: false,
});

server.on('listening', () => announceListening('ws-relay', server.address() as AddressInfo));

server.on('connection', (socket, request) => {
  const user = new URL(request.url ?? '/', 'http://relay.invalid').searchParams.get('user') || 'anonymous';
  const member: Member = { socket, user, rooms: new Set(), alive: true };
  members.add(member);
  socket.on('pong', () => (member.alive = true));
  socket.on('message', (data: Buffer) => onFrame(member, data.toString('utf8')));
  socket.on('close', () => {
    members.delete(member);
    for (const room of member.rooms) rooms.leave(room, member);
  });
});

function onFrame(member: Member, text: string): void {
  const frame = readRelayFrame(text);
  if (!frame) return;
  member.alive = true;
  switch (frame.type) {
    case 'join':
      rooms.join(frame.room, member);
      member.rooms.add(frame.room);
      member.socket.send(JSON.stringify({ type: 'joined', room: frame.room }));
      return;
    case 'move': {
      if (!rooms.has(frame.room, member)) return;
      const out = JSON.stringify({
        type: 'move',
        room: frame.room,
        player: member.user,
        x: frame.x,
        y: frame.y,
        seq: seqs.next(frame.room),
      });
      for (const other of rooms.membersOf(frame.room)) {
        if (other !== member && other.socket.readyState === WebSocket.OPEN) other.socket.send(out);
      }
      return;
    }
    case 'ping':
      member.socket.send(JSON.stringify({ type: 'pong', t: frame.t }));
      return;
  }
}

setInterval(() => {
  for (const member of members) {
    if (!member.alive) {
      member.socket.terminate();
      continue;
    }
    member.alive = false;
    member.socket.ping();
  }
}, env.heartbeatMs).unref();
