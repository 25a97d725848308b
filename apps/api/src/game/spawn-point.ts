import { GAME_BOARD } from '@pulse/protocol';

/** Where a new player appears: a stable cell on the board derived from the user id (FNV-1a). */
export function spawnPoint(userId: string): { x: number; y: number } {
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    hash ^= userId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return { x: hash % GAME_BOARD.width, y: Math.floor(hash / GAME_BOARD.width) % GAME_BOARD.height };
}
