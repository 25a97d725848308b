import { PendingRequests, PulseRequestError } from './pending-requests';

describe('PendingRequests', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('resolves a request with its ack and rejects one with its error, by id', async () => {
    const requests = new PendingRequests(1000);
    const [a, b] = [requests.nextId(), requests.nextId()];
    expect(a).not.toBe(b);
    const acked = requests.track(a);
    const refused = requests.track(b);
    requests.settle({ type: 'ack', id: 'someone-else' });
    requests.settle({ type: 'error', code: 'INVALID_MESSAGE', message: 'field "text": too long', id: b });
    requests.settle({ type: 'ack', id: a, seq: 3 });
    await expect(acked).resolves.toEqual({ type: 'ack', id: a, seq: 3 });
    await expect(refused).rejects.toEqual(new PulseRequestError('INVALID_MESSAGE', 'field "text": too long'));
    expect(requests.size).toBe(0);
  });

  it('rejects with TIMEOUT when no answer comes in time, and ignores a late one', async () => {
    const requests = new PendingRequests(1000);
    const late = requests.track('r1');
    jest.advanceTimersByTime(999);
    expect(requests.size).toBe(1);
    jest.advanceTimersByTime(1);
    await expect(late).rejects.toMatchObject({ code: 'TIMEOUT' });
    requests.settle({ type: 'ack', id: 'r1' });
    expect(requests.size).toBe(0);
  });

  it('fails everything waiting when the client closes', async () => {
    const requests = new PendingRequests(1000);
    const waiting = requests.track('r1');
    requests.rejectAll('CLOSED', 'closed by client');
    await expect(waiting).rejects.toMatchObject({ code: 'CLOSED' });
    expect(jest.getTimerCount()).toBe(0);
  });

  it('makes ids that differ between clients', () => {
    expect(new PendingRequests(1).nextId()).not.toBe(new PendingRequests(1).nextId());
  });
});
