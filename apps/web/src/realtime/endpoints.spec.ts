import { socketUrl, transportFromSearch } from './endpoints';

describe('socketUrl', () => {
  it('uses wss behind https and ws otherwise, on the same host and port', () => {
    expect(socketUrl({ protocol: 'https:', host: 'pulse.example' })).toBe('wss://pulse.example/ws');
    expect(socketUrl({ protocol: 'http:', host: 'localhost:4200' })).toBe('ws://localhost:4200/ws');
  });
});

describe('transportFromSearch', () => {
  it('selects Socket.IO with ?transport=socket.io, and the WebSocket otherwise', () => {
    expect(transportFromSearch('?transport=socket.io')).toBe('socket.io');
    expect(transportFromSearch('?room=lobby&transport=socket.io')).toBe('socket.io');
    expect(transportFromSearch('')).toBe('websocket');
    expect(transportFromSearch('?transport=websocket')).toBe('websocket');
    expect(transportFromSearch('?transport=SOCKET.IO')).toBe('websocket');
  });
});
