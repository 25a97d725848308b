import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeWhileDraining } from './close-while-draining';

describe('closeWhileDraining', () => {
  const drain = { draining: false };
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const middleware = closeWhileDraining(drain);
    server = createServer((request, response) => middleware(request, response, () => response.end('ok')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('keeps connections alive normally and asks clients to close them while draining', async () => {
    expect((await fetch(url)).headers.get('connection')).toBe('keep-alive');
    drain.draining = true;
    expect((await fetch(url)).headers.get('connection')).toBe('close');
  });
});
