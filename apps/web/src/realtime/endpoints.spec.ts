import { socketUrl } from './endpoints';

describe('socketUrl', () => {
  it('uses wss behind https and ws otherwise, on the same host and port', () => {
    expect(socketUrl({ protocol: 'https:', host: 'pulse.example' })).toBe('wss://pulse.example/ws');
    expect(socketUrl({ protocol: 'http:', host: 'localhost:4200' })).toBe('ws://localhost:4200/ws');
  });
});
