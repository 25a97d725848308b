import type { TransportName } from '@pulse/client';
import { PulsePaths } from '@pulse/protocol';

/** The web app talks to its own origin; in development Vite proxies these paths to the API. */
export const apiBaseUrl = '';

/** The socket URL on the page's own origin: `wss:` when the page is served over https. */
export function socketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${PulsePaths.websocket}`;
}

/** The transport the page asks for: `?transport=socket.io` selects Socket.IO; anything else the native WebSocket. */
export function transportFromSearch(search: string): TransportName {
  return new URLSearchParams(search).get('transport') === 'socket.io' ? 'socket.io' : 'websocket';
}
