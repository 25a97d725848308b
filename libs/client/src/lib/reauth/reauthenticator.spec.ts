import { Reauthenticator, type ReauthHooks } from './reauthenticator';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

function setup(current = 1) {
  const link = { current };
  const hooks = {
    getTicket: jest.fn<Promise<string>, []>(),
    isCurrent: jest.fn((asked: number) => asked === link.current),
    sendReauth: jest.fn<Promise<unknown>, [string]>(async () => ({ type: 'ack' })),
    onError: jest.fn<void, [unknown]>(),
  } satisfies ReauthHooks;
  return { hooks, link, reauth: new Reauthenticator(hooks) };
}

describe('Reauthenticator', () => {
  it('sends a freshly fetched ticket on the link that asked', async () => {
    const { hooks, reauth } = setup();
    hooks.getTicket.mockResolvedValue('fresh');
    await reauth.answer(1);
    expect(hooks.sendReauth).toHaveBeenCalledWith('fresh');
    expect(hooks.onError).not.toHaveBeenCalled();
  });

  it('answers a repeated request on the same link once, and again after that answer settled', async () => {
    const { hooks, reauth } = setup();
    const ticket = deferred<string>();
    hooks.getTicket.mockReturnValueOnce(ticket.promise).mockResolvedValueOnce('second');
    const first = reauth.answer(1);
    await reauth.answer(1);
    ticket.resolve('first');
    await first;
    await reauth.answer(1);
    expect(hooks.getTicket).toHaveBeenCalledTimes(2);
    expect(hooks.sendReauth.mock.calls).toEqual([['first'], ['second']]);
  });

  it('does not send a ticket for a link that is gone by the time it arrives', async () => {
    const { hooks, link, reauth } = setup();
    const ticket = deferred<string>();
    hooks.getTicket.mockReturnValue(ticket.promise);
    const answered = reauth.answer(1);
    link.current = 2;
    ticket.resolve('late');
    await answered;
    expect(hooks.sendReauth).not.toHaveBeenCalled();
    expect(hooks.onError).not.toHaveBeenCalled();
  });

  it('reports a ticket it could not fetch, and a refused reauth, without throwing', async () => {
    const { hooks, reauth } = setup();
    const unreachable = new Error('the server could not be reached');
    const refused = new Error('FORBIDDEN');
    hooks.getTicket.mockRejectedValueOnce(unreachable).mockResolvedValueOnce('used');
    hooks.sendReauth.mockRejectedValueOnce(refused);
    await expect(reauth.answer(1)).resolves.toBeUndefined();
    await expect(reauth.answer(1)).resolves.toBeUndefined();
    expect(hooks.onError.mock.calls).toEqual([[unreachable], [refused]]);
  });

  it('keeps quiet about failures of a link that is gone', async () => {
    const { hooks, link, reauth } = setup();
    const ticket = deferred<string>();
    hooks.getTicket.mockReturnValue(ticket.promise);
    const answered = reauth.answer(1);
    link.current = 2;
    ticket.reject(new Error('offline'));
    await answered;
    expect(hooks.onError).not.toHaveBeenCalled();
  });
});
