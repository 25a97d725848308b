import { Server } from 'socket.io';
import { PulseSocketIo } from './pulse-socket-io';

describe('PulseSocketIo', () => {
  it('says why there is no server before the adapter attached one, and gives the attached one after', () => {
    const socketIo = new PulseSocketIo();
    expect(() => socketIo.server).toThrow(/PulseAdapter/);
    const server = new Server();
    socketIo.attach(server);
    expect(socketIo.server).toBe(server);
  });
});
