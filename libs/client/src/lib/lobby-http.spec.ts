import { PulseAuthError } from './auth-error';
import { listRooms } from './lobby-http';

describe('listRooms', () => {
  let fetchMock: jest.SpiedFunction<typeof fetch>;
  beforeEach(() => {
    fetchMock = jest.spyOn(globalThis, 'fetch');
  });
  afterEach(() => fetchMock.mockRestore());

  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  it('gets the rooms with the bearer token', async () => {
    fetchMock.mockResolvedValue(json(200, { rooms: [{ name: 'lobby', online: 2 }] }));
    await expect(listRooms('http://api.test', 'jwt')).resolves.toEqual([{ name: 'lobby', online: 2 }]);
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('http://api.test/rooms');
    expect(init?.headers).toEqual({ authorization: 'Bearer jwt' });
  });

  it('marks a 401 as an auth failure, and refuses a body that is not a room list', async () => {
    fetchMock.mockResolvedValueOnce(json(401, { message: 'Unauthorized' }));
    await expect(listRooms('', 'expired')).rejects.toMatchObject({ status: 401, authFailure: true });
    fetchMock.mockResolvedValueOnce(json(200, { rooms: [{ name: '<bad name>', online: 1 }] }));
    await expect(listRooms('', 'jwt')).rejects.toEqual(
      new PulseAuthError(200, 'unexpected response from the server'),
    );
  });

  it('reports an unreachable server as status 0, but passes an abort through', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('fetch failed'));
    await expect(listRooms('', 'jwt')).rejects.toMatchObject({ status: 0, authFailure: false });
    const controller = new AbortController();
    controller.abort();
    fetchMock.mockRejectedValueOnce(new DOMException('aborted', 'AbortError'));
    await expect(listRooms('', 'jwt', controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });
});
