import { fnv1a } from '@pulse/gateway';
import { GAME_BOARD } from '@pulse/protocol';

/** Where a new player appears: a stable cell on the board derived from the user id (FNV-1a). */
export function spawnPoint(userId: string): { x: number; y: number } {
  const hash = fnv1a(userId);
  return { x: hash % GAME_BOARD.width, y: Math.floor(hash / GAME_BOARD.width) % GAME_BOARD.height };
}
