import { WebSocket } from 'ws';

/** Closes `socket` with a handshake, and terminates it if the peer has not completed the handshake within `graceMs`. */
export function closeWithin(socket: WebSocket, code: number, reason: string, graceMs: number): Promise<void> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => socket.terminate(), graceMs);
    timer.unref();
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.close(code, reason);
  });
}
