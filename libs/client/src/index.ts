export * from './lib/pulse-client';
export * from './lib/connection-state';
export * from './lib/backoff';
export * from './lib/liveness';
export * from './lib/auth-error';
export * from './lib/http-auth';
export type { PulseSocket, WebSocketConstructor } from './lib/web-socket.types';
export type { TransportName } from './lib/transports/transport';
