import { act, renderHook } from '@testing-library/react';
import { useNetworkOnline } from './use-network-online';

describe('useNetworkOnline', () => {
  let online = true;
  beforeEach(() => {
    online = true;
    jest.spyOn(navigator, 'onLine', 'get').mockImplementation(() => online);
  });
  afterEach(() => jest.restoreAllMocks());

  function goes(to: boolean) {
    online = to;
    act(() => {
      window.dispatchEvent(new Event(to ? 'online' : 'offline'));
    });
  }

  it('follows the browser going offline and coming back', () => {
    const { result } = renderHook(() => useNetworkOnline());
    expect(result.current).toBe(true);
    goes(false);
    expect(result.current).toBe(false);
    goes(true);
    expect(result.current).toBe(true);
  });
});
