/**
 * Baseline: a plain Socket.IO relay. No auth: the client names itself with the `user` query parameter.
 * `join` (acknowledged) puts the socket in a room, `move` goes to the room's other members with
 * `socket.to(room).emit('move', ...)`, `rtt` is echoed. Socket.IO's own heartbeat runs every HEARTBEAT_INTERVAL_MS.
 *
 * Run: node -r @swc-node/register tools/bench/baselines/socket-io-relay.server.ts   (env PORT, HOST, HEARTBEAT_INTERVAL_MS)
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { announceListening, readBaselineEnv } from './baseline-env';
import { RoomSeqs } from './room-seqs';
import type { SioClientEvents, SioServerEvents } from './socket-io-events';

const env = readBaselineEnv();
const seqs = new RoomSeqs();
const http = createServer();
const io = new Server<SioClientEvents, SioServerEvents>(http, {
  pingInterval: env.heartbeatMs,
  serveClient: false,
});

io.on('connection', (socket) => {
  const queried = socket.handshake.query['user'];
  const user = typeof queried === 'string' && queried !== '' ? queried : 'anonymous';
  socket.on('join', (room, ack) => {
    if (typeof room !== 'string') return;
    void socket.join(room);
    if (typeof ack === 'function') ack();
  });
  socket.on('move', (move) => {
    if (typeof move !== 'object' || move === null) return;
    const { room, x, y } = move;
    if (typeof room !== 'string' || typeof x !== 'number' || typeof y !== 'number' || !socket.rooms.has(room))
      return;
    socket.to(room).emit('move', { room, player: user, x, y, seq: seqs.next(room) });
  });
  socket.on('rtt', (t) => {
    if (typeof t === 'number') socket.emit('rtt', t);
  });
});

http.listen(env.port, env.host, () => announceListening('socket-io-relay', http.address() as AddressInfo));
