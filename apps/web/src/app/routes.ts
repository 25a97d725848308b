import { RoomName } from '@pulse/protocol';
import { CONSOLE_PATH, isConsolePath } from '../features/admin/console-route';

/** What the address bar says the signed-in user is looking at. */
export type Route =
  | { readonly page: 'lobby' }
  | { readonly page: 'room'; readonly room: string }
  | { readonly page: 'notes'; readonly room: string }
  | { readonly page: 'ticker' }
  | { readonly page: 'admin' };

const ROOM_NAME = new RegExp(RoomName.pattern ?? '^.+$');
const LOBBY: Route = { page: 'lobby' };

/** The route of a path: `/rooms/<name>`, `/rooms/<name>/notes`, `/ticker`, `/admin`; anything else (or a bad room name) is the lobby. */
export function parseRoute(pathname: string): Route {
  if (pathname === '/ticker' || pathname === '/ticker/') return { page: 'ticker' };
  if (isConsolePath(pathname)) return { page: 'admin' };
  const match = /^\/rooms\/([^/]+)(\/notes)?\/?$/.exec(pathname);
  if (!match) return LOBBY;
  let room: string;
  try {
    room = decodeURIComponent(match[1]);
  } catch {
    return LOBBY;
  }
  if (room.length > (RoomName.maxLength ?? 64) || !ROOM_NAME.test(room)) return LOBBY;
  return match[2] ? { page: 'notes', room } : { page: 'room', room };
}

/** The path of a route; `parseRoute(routePath(route))` is the route again. */
export function routePath(route: Route): string {
  switch (route.page) {
    case 'lobby':
      return '/';
    case 'ticker':
      return '/ticker';
    case 'admin':
      return CONSOLE_PATH;
    case 'room':
      return `/rooms/${encodeURIComponent(route.room)}`;
    case 'notes':
      return `/rooms/${encodeURIComponent(route.room)}/notes`;
  }
}

/** The address to send someone so they land in `room` (after signing in, if they must). */
export function inviteLink(origin: string, room: string): string {
  return `${origin}${routePath({ page: 'room', room })}`;
}
