import type { io } from 'socket.io-client';

export type SocketIoFactory = typeof io;

let loading: Promise<SocketIoFactory> | undefined;

/**
 * socket.io-client, fetched the first time a client picks the Socket.IO transport: bundlers put a dynamic import in
 * a chunk of its own, so a page on the native WebSocket never downloads it. A failed load is forgotten, so the next
 * connection attempt fetches it again.
 */
export function loadSocketIo(): Promise<SocketIoFactory> {
  if (!loading) {
    loading = import('socket.io-client').then((module) => module.io);
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}
